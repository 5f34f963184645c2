package io.acapromoter.orchestration;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer of {@code DeployStaging} and {@code RollOut}: what now runs. A deployment that fails
 * throws (a fault); there is no failed deployment value.
 *
 * @param revision the revision (or job execution) created or given traffic, or null (production jobs)
 * @param url      the URL it answers on (staging), or null
 * @param detail   what happened, for the timeline
 * @param warnings things people should know
 * @param operation the ARM operation that creates the revision, started and not waited for
 *                  ({@code PendingOperation} text), or null when there is nothing to watch
 * @param notMade  why nothing was written, or null: production no longer serves what was verified
 *                 ({@link ReleaseStep#checkProduction()}), so the candidate must be checked against it again; or
 *                 production refuses the candidate ({@code production})
 * @param production what label staging found production running, on the read right before its write
 *                 ({@link StagingOrder#checkProduction()}): verdict {@code VERIFIED} (written), {@code REJECTED} or
 *                 {@code ALREADY_RUNNING} (nothing written). Null when staging did not check production (a separate
 *                 staging app or job; answers recorded before this field existed): then verification did
 * @param keptLabels the labels of other revisions (label → revision) a blue-green or canary traffic write kept, as
 *                 its read right before the write found them; null when it did not read (or for other answers)
 */
public record Deployment(String revision, String url, String detail, List<String> warnings, String operation,
                         String notMade, Verification production, Map<String, String> keptLabels) {

    public Deployment {
        Objects.requireNonNull(detail, "detail");
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        keptLabels = keptLabels == null ? null : Map.copyOf(keptLabels);
    }

    public Deployment(String revision, String url, String detail, List<String> warnings, String operation, String notMade,
                      Verification production) {
        this(revision, url, detail, warnings, operation, notMade, production, null);
    }

    public Deployment(String revision, String url, String detail, List<String> warnings, String operation, String notMade) {
        this(revision, url, detail, warnings, operation, notMade, null);
    }

    public Deployment(String revision, String url, String detail, List<String> warnings, String operation) {
        this(revision, url, detail, warnings, operation, null);
    }

    /** Nothing written: production is not what was verified any more ({@code why}). */
    public static Deployment notMade(String why) {
        return new Deployment(null, null, "nothing written: " + why, List.of(), null, why);
    }

    public static Deployment of(String revision, String url, String detail) {
        return new Deployment(revision, url, detail, List.of(), null);
    }

    public Deployment withWarnings(List<String> more) {
        return new Deployment(revision, url, detail, more, operation, notMade, production, keptLabels);
    }

    public Deployment withOperation(String op) {
        return new Deployment(revision, url, detail, warnings, op, notMade, production, keptLabels);
    }

    /** The same answer, with what production was found running ({@link #production()}). */
    public Deployment withProduction(Verification found) {
        return new Deployment(revision, url, detail, warnings, operation, notMade, found, keptLabels);
    }

    /** The same answer, with the other labels the traffic write kept ({@link #keptLabels()}). */
    public Deployment withKeptLabels(Map<String, String> labels) {
        return new Deployment(revision, url, detail, warnings, operation, notMade, production, labels);
    }
}
