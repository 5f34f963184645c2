package io.acapromoter.activities;

import io.acapromoter.orchestration.PromotionRef;
import io.acapromoter.orchestration.Recheck;
import io.acapromoter.orchestration.Verification;
import io.acapromoter.orchestration.Verification.Verdict;
import io.acapromoter.domain.Digest;
import io.acapromoter.domain.MediaTypes;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.domain.ScanReport;
import io.acapromoter.policy.FindingsArtifactPolicy;
import io.acapromoter.policy.GateVerdict;
import io.acapromoter.policy.ResourceKind;
import io.acapromoter.policy.RolloutStrategy;
import io.acapromoter.policy.StagingStrategy;
import io.acapromoter.policy.Target;
import io.acapromoter.policy.VulnerabilityGateCheck;
import io.acapromoter.ports.ContainerApp;
import io.acapromoter.ports.Job;
import io.acapromoter.ports.ManifestFacts;
import io.acapromoter.ports.Revision;
import io.acapromoter.ports.TrafficSplit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.Optional;

/**
 * {@code VerifyCandidate}: the digest exists in an allowed registry, carries a signature when the
 * target requires one, passes the vulnerability gate; and what production runs now.
 */
final class CandidateVerifier {

    private final PipelinePorts ports;

    CandidateVerifier(PipelinePorts ports) {
        this.ports = ports;
    }

    Verification verify(PromotionRef request) {
        Target target = Targets.require(ports.file(), request.target());
        PinnedImage image = request.image();
        // Label staging writes a revision on the production app: DeployStaging checks production on the read it makes
        // right before that write (production(...)), so production is not read here as well.
        Production production = stagedOnProduction(target) ? null : readProduction(target, image);
        String productionImage = production == null ? null : production.image;
        String previousRevision = production == null ? null : production.revision;
        List<String> warnings = new ArrayList<>(production == null ? List.of() : production.warnings);
        if (production != null && production.wrongMode != null) {
            return new Verification(Verdict.REJECTED, production.wrongMode, productionImage, previousRevision, List.of());
        }
        // A separate staging app or job is checked by DeployStaging, from the read right before it writes.
        CandidateRead read = new CandidateRead(VulnerabilityGateCheck.check(Optional.empty(), image.digest(), List.of(), null));
        Optional<String> rejected = check(target, image, read);
        if (rejected.isPresent()) {
            return new Verification(Verdict.REJECTED, rejected.get(), productionImage, previousRevision, warnings);
        }
        List<String> facts = new ArrayList<>();
        if (production != null) {
            Optional<String> refusal = production.puller.refusal(target.registryAuth(), image.registry());
            if (refusal.isPresent()) {
                return new Verification(Verdict.REJECTED, refusal.get(), productionImage, previousRevision, warnings);
            }
            facts.add(production.puller.describe(image.registry()));
        }
        if (target.signature().isPresent()) {
            SignatureCheck.Outcome signature = SignatureCheck.check(ports.registry(), image, target.signature().get(),
                    ports.clock().instant());
            if (signature instanceof SignatureCheck.Missing) {
                return new Verification(Verdict.AWAITING_SIGNATURE, image + " has no Notation signature attached yet; "
                        + "the target requires one", productionImage, previousRevision, warnings);
            }
            if (signature instanceof SignatureCheck.Refused refused) {
                return new Verification(Verdict.REJECTED, "signature refused: " + refused.reason(), productionImage,
                        previousRevision, warnings);
            }
            SignatureCheck.Verified ok = (SignatureCheck.Verified) signature;
            facts.add(0, "signature verified: signed by " + ok.verdict().signer() + " at " + ok.verdict().signedAt()
                    + " (signature " + ok.signature() + ")");
            warnings.addAll(ok.refusedOthers());
        }
        if (production != null) {
            Optional<Verification> stop = againstProduction(request, production, read.facts.pushedAt());
            if (stop.isPresent()) {
                return stop.get();
            }
        }
        return gated(read.gate, read.scanNotes, image, productionImage, previousRevision, warnings, facts)
                .withScanned(read.scanned).withCandidatePushedAt(read.facts.pushedAt().map(Object::toString).orElse(null));
    }

    /**
     * Whether the candidate is staged as a new revision of the production app (label staging): then {@code DeployStaging}
     * checks production ({@link #production}) on the read its write needs, and {@code VerifyCandidate} checks only the
     * candidate.
     */
    static boolean stagedOnProduction(Target target) {
        return target.kind() != ResourceKind.JOB && target.staging().strategy() == StagingStrategy.LABEL;
    }

    /**
     * Production's side of the verification, on {@code app} as {@code DeployStaging} read it right before its write:
     * the revision mode the rollout needs, the registry pull the target requires, never an older push (against
     * {@code candidatePushedAt}, from verification), not already running the candidate. The verdict is VERIFIED
     * (with what production runs, for the rollout and a rollback) or why not; the same checks and words as
     * {@link #verify} for the targets it reads production for.
     */
    Verification production(PromotionRef request, ContainerApp app, Optional<Instant> candidatePushedAt) {
        Target target = Targets.require(ports.file(), request.target());
        PinnedImage image = request.image();
        Production production = appProduction(target, app, image);
        if (production.wrongMode != null) {
            return new Verification(Verdict.REJECTED, production.wrongMode, production.image, production.revision, List.of());
        }
        Optional<String> refusal = production.puller.refusal(target.registryAuth(), image.registry());
        if (refusal.isPresent()) {
            return new Verification(Verdict.REJECTED, refusal.get(), production.image, production.revision, production.warnings);
        }
        return againstProduction(request, production, candidatePushedAt).orElseGet(() -> new Verification(Verdict.VERIFIED,
                "production runs " + production.image, production.image, production.revision, production.warnings,
                List.of(production.puller.describe(image.registry()))));
    }

    /** What production runs, as read for a verification. */
    private record Production(String image, String revision, RegistryPull puller, List<String> warnings, String wrongMode) {
    }

    private Production readProduction(Target target, PinnedImage candidate) {
        if (target.kind() == ResourceKind.JOB) {
            Job job = ports.containerApps().getJob(target.productionResourceId());
            return new Production(job.images().get(target.container()), null,
                    new RegistryPull("production job " + job.name(), job.registries()), List.of(), null);
        }
        // The traffic names the serving revision; the revisions are listed only when it does not.
        return appProduction(target, ports.containerApps().getAppWithoutRevisions(target.productionResourceId()), candidate);
    }

    private Production appProduction(Target target, ContainerApp read, PinnedImage candidate) {
        ContainerApp app = servingRevision(read).isEmpty() ? ports.containerApps().getApp(target.productionResourceId()) : read;
        String serving = servingRevision(app).orElse(null);
        String image = servingImage(app, serving, target.container(), candidate);
        String wrongMode = app.multipleRevisions() || target.rollout().strategy() == RolloutStrategy.REPLACE ? null
                : target.productionResourceId() + " is in single-revision mode; " + target.rollout().strategy().key()
                + " needs multiple-revision mode (or use rollout 'replace')";
        List<String> warnings = target.rollout().strategy() == RolloutStrategy.REPLACE
                ? List.of("single-revision app: while the new revision starts, the old and the new one may both consume messages")
                : List.of();
        return new Production(image, serving, new RegistryPull("production app " + app.name(), app.registries()), warnings,
                wrongMode);
    }

    /** Never an older push than production (an operator's rollback goes back on purpose), and not what already runs. */
    private Optional<Verification> againstProduction(PromotionRef request, Production production, Optional<Instant> candidatePushedAt) {
        PinnedImage image = request.image();
        Optional<String> newer = request.rollback() ? Optional.empty()
                : newerInProduction(image, candidatePushedAt, production.image);
        if (newer.isPresent()) {
            return Optional.of(new Verification(Verdict.REJECTED, newer.get(), production.image, production.revision, List.of()));
        }
        if (image.toString().equals(production.image)) {
            return Optional.of(new Verification(Verdict.ALREADY_RUNNING, "production already runs " + image, production.image,
                    production.revision, List.of()));
        }
        return Optional.empty();
    }

    /**
     * Verified, or NOT_SCANNED (not a verdict yet: the orchestrator waits for the scan, then applies
     * vulnerabilityGate.unscanned); what Defender's findings artifacts said follows the gate's reason.
     */
    private static Verification gated(GateVerdict gate, List<String> scanNotes, PinnedImage image, String productionImage,
                                      String productionRevision, List<String> warnings, List<String> facts) {
        if (gate.outcome() == GateVerdict.Outcome.NOT_SCANNED) {
            return new Verification(Verdict.NOT_SCANNED, gate.reason() + notes(scanNotes), productionImage, productionRevision,
                    warnings, facts);
        }
        return new Verification(Verdict.VERIFIED, gate.outcome() == GateVerdict.Outcome.SCANNED_CLEAN
                ? gate.reason() + notes(scanNotes) : image + " verified", productionImage, productionRevision, warnings, facts);
    }

    private static String notes(List<String> scanNotes) {
        return scanNotes.stream().map(n -> " (" + n + ")").collect(java.util.stream.Collectors.joining());
    }

    /**
     * {@code RecheckCandidate}, after approval: only what can have changed since {@code VerifyCandidate}.
     * Production is read again (another release or a manual change may have moved it); a revision's
     * template never changes, so while the same revision serves, its image is the one seen before and
     * is not read again. Defender is asked again about the digests it scans (new findings). The
     * candidate's manifest, signature and the staging resource are not read again: a digest's content
     * cannot change, and staging already ran it.
     */
    Verification recheck(Recheck request) {
        Target target = Targets.require(ports.file(), request.promotion().target());
        PinnedImage image = request.promotion().image();
        if (request.defenderOnly()) {
            // Production is checked by the rollout's own read, right before it writes.
            return findingsAgain(target, image, request, request.productionImage(), request.productionRevision());
        }
        String productionImage;
        String serving = null;
        RegistryPull puller;
        if (target.kind() == ResourceKind.JOB) {
            Job job = ports.containerApps().getJob(target.productionResourceId());
            productionImage = job.images().get(target.container());
            puller = new RegistryPull("production job " + job.name(), job.registries());
        } else {
            ContainerApp app = ports.containerApps().getAppWithoutRevisions(target.productionResourceId());
            if (servingRevision(app).isEmpty()) {
                app = ports.containerApps().getApp(target.productionResourceId());
            }
            serving = servingRevision(app).orElse(null);
            productionImage = serving != null && serving.equals(request.productionRevision()) && request.productionImage() != null
                    ? request.productionImage() : servingImage(app, serving, target.container(), image);
            puller = new RegistryPull("production app " + app.name(), app.registries());
            if (!app.multipleRevisions() && target.rollout().strategy() != RolloutStrategy.REPLACE) {
                return new Verification(Verdict.REJECTED, target.productionResourceId() + " was switched to single-revision "
                        + "mode after verification; " + target.rollout().strategy().key() + " needs multiple-revision mode",
                        productionImage, serving, List.of());
            }
        }
        Optional<String> refusal = puller.refusal(target.registryAuth(), image.registry());
        if (refusal.isPresent()) {
            return new Verification(Verdict.REJECTED, refusal.get(), productionImage, serving, List.of());
        }
        if (image.toString().equals(productionImage)) {
            return new Verification(Verdict.ALREADY_RUNNING, "production already runs " + image, productionImage, serving, List.of());
        }
        if (!java.util.Objects.equals(productionImage, request.productionImage())) {
            // Production changed since verification: it must not be newer than the candidate.
            Optional<ManifestFacts> candidate = ports.registry().manifestFacts(image);
            if (candidate.isEmpty()) {
                return new Verification(Verdict.REJECTED, image + " does not exist in the registry any more", productionImage,
                        serving, List.of());
            }
            Optional<String> newer = request.promotion().rollback() ? Optional.empty()
                    : newerInProduction(image, candidate.get().pushedAt(), productionImage);
            if (newer.isPresent()) {
                return new Verification(Verdict.REJECTED, newer.get(), productionImage, serving, List.of());
            }
        }
        return findingsAgain(target, image, request, productionImage, serving);
    }

    /** Defender asked again about the digests the first verification asked about: new findings block the candidate. */
    private Verification findingsAgain(Target target, PinnedImage image, Recheck request, String productionImage, String serving) {
        GateVerdict gate = VulnerabilityGateCheck.check(Optional.empty(), image.digest(), List.of(), null);
        List<String> scanNotes = new ArrayList<>();
        if (target.gate().isPresent()) {
            List<Digest> scanned = request.scanned().isEmpty() ? List.of(image.digest()) : request.scanned();
            gate = gate(target, image, scanned, scanNotes);
            if (gate.outcome() == GateVerdict.Outcome.BLOCKED) {
                return new Verification(Verdict.REJECTED, gate.reason(), productionImage, serving, List.of());
            }
        }
        return gated(gate, scanNotes, image, productionImage, serving, List.of(), List.of()).withScanned(request.scanned());
    }

    /** What {@code VerifyCandidate} read of the candidate: one registry read serves the later checks. */
    private static final class CandidateRead {
        ManifestFacts facts;
        GateVerdict gate;
        List<Digest> scanned = List.of();
        final List<String> scanNotes = new ArrayList<>();

        CandidateRead(GateVerdict noGate) {
            this.gate = noGate;
        }
    }

    /**
     * The vulnerability gate on what Defender found on {@code scanned} (and the candidate's own digest); what
     * Defender's findings artifacts said lands in {@code scanNotes}.
     */
    private GateVerdict gate(Target target, PinnedImage image, List<Digest> scanned, List<String> scanNotes) {
        Set<Digest> asked = new LinkedHashSet<>(scanned);
        asked.add(image.digest());
        ScanReport report = ports.findings().forDigests(asked);
        if (target.gate().orElseThrow().findingsArtifact() == FindingsArtifactPolicy.ACCEPT) {
            report = withFindingsArtifacts(image, scanned, report, scanNotes);
        }
        return VulnerabilityGateCheck.check(target.gate().orElseThrow(), image.digest(), scanned, report);
    }

    /**
     * Why {@code image} may not go to {@code target}, or empty when it passes every check; the
     * candidate's manifest facts, the vulnerability gate's verdict and the digests it asked about land in {@code read}.
     */
    private Optional<String> check(Target target, PinnedImage image, CandidateRead read) {
        if (!ports.file().allows(image.registry())) {
            return Optional.of("registry " + image.registry() + " is not on the allow-list");
        }
        Optional<ManifestFacts> facts = ports.registry().manifestFacts(image);
        if (facts.isEmpty()) {
            return Optional.of(image + " does not exist in the registry");
        }
        read.facts = facts.get();
        // Older registries leave mediaType out of the manifest attributes: then read the manifest itself.
        Optional<String> mediaType = facts.get().mediaType().or(() -> ports.registry().manifestMediaType(image));
        if (mediaType.isEmpty()) {
            return Optional.of(image + " does not exist in the registry");
        }
        if (!MediaTypes.isImage(mediaType.get())) {
            return Optional.of(image + " is not an image (media type " + mediaType.get() + ")");
        }
        if (target.gate().isPresent()) {
            read.scanned = scannedDigests(image, mediaType.get());
            read.gate = gate(target, image, read.scanned, read.scanNotes);
            if (read.gate.outcome() == GateVerdict.Outcome.BLOCKED) {
                return Optional.of(read.gate.reason());
            }
        }
        return Optional.empty();
    }

    /**
     * Where Resource Graph holds no Defender record of a digest the gate checks, Defender's findings artifact on it
     * (only then: the usual path costs no registry read): a report without vulnerabilities makes the digest scanned
     * and clean; one that lists vulnerabilities Resource Graph does not show yet leaves it unscanned (the promotion
     * keeps waiting for them, bounded by scanWait).
     */
    private ScanReport withFindingsArtifacts(PinnedImage image, List<Digest> checked, ScanReport report, List<String> notes) {
        Set<Digest> scanned = new LinkedHashSet<>(report.scanned());
        for (Digest digest : checked) {
            if (report.scanned(digest)) {
                continue;
            }
            DefenderFindingsArtifact.Report artifact = DefenderFindingsArtifact.read(ports.registry(),
                    new PinnedImage(image.registry(), image.repository(), digest));
            if (artifact instanceof DefenderFindingsArtifact.Clean) {
                scanned.add(digest);
            }
            if (!(artifact instanceof DefenderFindingsArtifact.None)) {
                notes.add(DefenderFindingsArtifact.describe(digest, artifact));
            }
        }
        return new ScanReport(report.findings(), scanned);
    }

    /**
     * The digests Defender scans for this candidate: the digest itself for a single manifest; for an image index the
     * platform manifests Container Apps runs ({@value #OS}/{@value #ARCHITECTURE}) — Defender does not scan manifest
     * lists, its findings name platform manifests — or every one it lists when none is for that platform.
     */
    private List<Digest> scannedDigests(PinnedImage image, String mediaType) {
        if (!MediaTypes.isIndex(mediaType)) {
            return List.of(image.digest());
        }
        List<Digest> platform = ports.registry().platformManifests(image, OS, ARCHITECTURE);
        return platform.isEmpty() ? List.of(image.digest()) : platform;
    }

    static final String OS = "linux";
    static final String ARCHITECTURE = "amd64";

    /** Production must never go back to an older push of the same repository through a promotion. */
    private Optional<String> newerInProduction(PinnedImage candidate, Optional<Instant> candidateAt, String productionImage) {
        if (candidate.toString().equals(productionImage)) {
            return Optional.empty();
        }
        PinnedImage running = PinnedImage.tryParse(productionImage).orElse(null);
        if (running == null || !running.registry().equalsIgnoreCase(candidate.registry()) || !running.repository().equals(candidate.repository())) {
            return Optional.empty();
        }
        Optional<Instant> runningAt = ports.registry().pushedAt(running);
        if (runningAt.isPresent() && candidateAt.isPresent() && runningAt.get().isAfter(candidateAt.get())) {
            return Optional.of("production already runs a newer image: " + running + " (pushed " + runningAt.get()
                    + ") is newer than " + candidate + " (pushed " + candidateAt.get() + ")");
        }
        return Optional.empty();
    }

    /**
     * The image {@code container} runs in the serving revision. The app's template follows the newest
     * revision (a staging revision too): it is the serving one's only when that is the newest; else the
     * serving revision is read. A template that already runs the candidate is not taken for the serving revision's
     * either: it may be this promotion's own staging write (an activity run again after it landed), which Azure
     * may not have made the newest revision yet.
     */
    private String servingImage(ContainerApp app, String serving, String container, PinnedImage candidate) {
        if (serving == null || serving.equals(app.latestRevision()) && !candidate.toString().equals(app.images().get(container))) {
            return app.images().get(container);
        }
        return app.revision(serving).or(() -> revision(app.resourceId(), serving)).map(r -> r.images().get(container))
                .orElse(app.images().get(container));
    }

    private Optional<Revision> revision(String appId, String name) {
        try {
            return Optional.of(ports.containerApps().getRevision(appId, name));
        } catch (io.acapromoter.ports.AzureOperationException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The revision production traffic goes to now: the one labelled production, else the heaviest. */
    static Optional<String> servingRevision(ContainerApp app) {
        Optional<String> labelled = app.traffic().stream()
                .filter(t -> t.label().filter("production"::equals).isPresent() && t.weight() > 0)
                .map(TrafficSplit::revision).findFirst();
        if (labelled.isPresent()) {
            return labelled;
        }
        Optional<String> heaviest = app.traffic().stream().filter(t -> t.weight() > 0)
                .max(Comparator.comparingInt(TrafficSplit::weight)).map(TrafficSplit::revision);
        if (heaviest.isPresent()) {
            return heaviest;
        }
        return app.revisions().stream().filter(Revision::active).max(Comparator.comparing(Revision::createdAt))
                .map(Revision::name);
    }
}
