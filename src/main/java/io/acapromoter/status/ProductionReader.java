package io.acapromoter.status;

import io.acapromoter.domain.PinnedImage;
import io.acapromoter.policy.ResourceKind;
import io.acapromoter.policy.Target;
import io.acapromoter.ports.ContainerApp;
import io.acapromoter.ports.ContainerApps;
import io.acapromoter.ports.Job;
import io.acapromoter.ports.Revision;
import io.acapromoter.ports.TrafficSplit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What production runs per target, read from Azure at most once per {@link #ttl} per target however
 * often the board is rendered (a self-refreshing page in many browsers must not become an ARM storm):
 * one read of the app with its revisions (or of the job), kept briefly, failures too. Concurrent
 * renders of the same target wait for the one read in progress.
 */
public final class ProductionReader {

    /** How long a read is reused. */
    public static final Duration TTL = Duration.ofSeconds(20);

    private final ContainerApps apps;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Read> cache = new ConcurrentHashMap<>();

    public ProductionReader(ContainerApps apps, Clock clock) {
        this(apps, clock, TTL);
    }

    public ProductionReader(ContainerApps apps, Clock clock, Duration ttl) {
        this.apps = apps;
        this.clock = clock;
        this.ttl = ttl;
    }

    private record Read(Instant at, TargetBoard.Production production) {
    }

    /** What production runs for {@code target}: {@code since} and {@code promotion} are left to the caller. */
    public TargetBoard.Production read(Target target) {
        return cache.compute(target.name(), (name, old) -> {
            Instant now = clock.instant();
            if (old != null && now.isBefore(old.at().plus(ttl)) && !now.isBefore(old.at())) {
                return old;
            }
            return new Read(now, readNow(target, now));
        }).production();
    }

    private TargetBoard.Production readNow(Target target, Instant now) {
        try {
            return target.kind() == ResourceKind.JOB ? job(apps.getJob(target.productionResourceId()), target, now)
                    : app(apps.getApp(target.productionResourceId()), target, now);
        } catch (RuntimeException e) {
            return TargetBoard.Production.unreadable(now.toString(), "could not read " + target.productionResourceId()
                    + ": " + e.getMessage());
        }
    }

    private static TargetBoard.Production job(Job job, Target target, Instant now) {
        String image = job.images().get(target.container());
        return new TargetBoard.Production(image, digest(image), null, null, List.of(), now.toString(), null);
    }

    static TargetBoard.Production app(ContainerApp app, Target target, Instant now) {
        List<TargetBoard.Share> traffic = app.traffic().stream()
                .map(t -> new TargetBoard.Share(t.revision(), t.weight(), t.label().orElse(null),
                        app.revision(t.revision()).map(r -> r.images().get(target.container())).orElse(null)))
                .toList();
        // The revision taking most traffic; without ingress (workers), the newest one.
        // On a tie (a canary at 50%), the revision still labelled production.
        String serving = app.traffic().stream().filter(t -> t.weight() > 0)
                .max(Comparator.comparingInt(TrafficSplit::weight)
                        .thenComparing(t -> t.label().filter("production"::equals).isPresent()))
                .map(TrafficSplit::revision).orElse(app.latestRevision());
        Optional<Revision> revision = serving == null ? Optional.empty() : app.revision(serving);
        String image = revision.map(r -> r.images().get(target.container()))
                .orElseGet(() -> serving != null && serving.equals(app.latestRevision()) ? app.images().get(target.container()) : null);
        return new TargetBoard.Production(image, digest(image),
                revision.map(r -> r.createdAt() == null ? null : r.createdAt().toString()).orElse(null), null, traffic,
                now.toString(), null);
    }

    private static String digest(String image) {
        return PinnedImage.tryParse(image).map(p -> p.digest().toString()).orElse(null);
    }
}
