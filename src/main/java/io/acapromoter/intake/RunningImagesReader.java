package io.acapromoter.intake;

import io.acapromoter.logging.Log;
import io.acapromoter.logging.LogLine;
import io.acapromoter.domain.Digest;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.policy.Placement;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.ResourceKind;
import io.acapromoter.policy.RunningImages;
import io.acapromoter.policy.StagingStrategy;
import io.acapromoter.policy.Target;
import io.acapromoter.ports.ContainerApp;
import io.acapromoter.ports.ContainerApps;
import io.acapromoter.ports.Revision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What runs where now: the digest each target's production (active revisions taking traffic, or
 * the job) and staging run. Images not pinned to a digest cannot be matched to findings and are
 * skipped. A target whose resources cannot be read is logged and skipped, not fatal.
 */
final class RunningImagesReader {

    private RunningImagesReader() {
    }

    static RunningImages read(PromotionFile file, ContainerApps apps) {
        Map<Digest, List<Placement>> byDigest = new LinkedHashMap<>();
        for (Target target : file.targets()) {
            try {
                for (String image : production(target, apps)) {
                    PinnedImage.tryParse(image).map(PinnedImage::digest).ifPresent(d -> add(byDigest, d, new Placement(target.name(), Placement.Place.PRODUCTION)));
                }
                for (String image : staging(target, apps)) {
                    PinnedImage.tryParse(image).map(PinnedImage::digest).ifPresent(d -> add(byDigest, d, new Placement(target.name(), Placement.Place.STAGING)));
                }
            } catch (RuntimeException e) {
                Log.of(RunningImagesReader.class).warning(LogLine.of("sweep.target.unreadable").with("target", target.name())
                        .with("reason", e.getMessage()).toString());
            }
        }
        return new RunningImages(byDigest);
    }

    private static List<String> production(Target target, ContainerApps apps) {
        if (target.kind() == ResourceKind.JOB) {
            return Optional.ofNullable(apps.getJob(target.productionResourceId()).images().get(target.container()))
                    .stream().toList();
        }
        ContainerApp app = apps.getApp(target.productionResourceId());
        List<String> images = new ArrayList<>();
        for (Revision r : app.revisions()) {
            boolean serving = r.active() && app.traffic().stream().anyMatch(t -> t.revision().equals(r.name()) && t.weight() > 0);
            boolean single = r.active() && !app.multipleRevisions();
            if ((serving || single) && r.images().containsKey(target.container())) {
                images.add(r.images().get(target.container()));
            }
        }
        if (images.isEmpty() && app.images().containsKey(target.container())) {
            images.add(app.images().get(target.container()));
        }
        return images;
    }

    private static List<String> staging(Target target, ContainerApps apps) {
        StagingStrategy strategy = target.staging().strategy();
        if (strategy == StagingStrategy.JOB) {
            return Optional.ofNullable(apps.getJob(target.staging().resourceId().orElseThrow()).images().get(target.container()))
                    .stream().toList();
        }
        if (strategy == StagingStrategy.APP) {
            return Optional.ofNullable(apps.getAppWithoutRevisions(target.staging().resourceId().orElseThrow()).images().get(target.container()))
                    .stream().toList();
        }
        ContainerApp app = apps.getApp(target.productionResourceId());
        return app.traffic().stream().filter(t -> t.label().filter(target.staging().label()::equals).isPresent())
                .flatMap(t -> app.revision(t.revision()).stream())
                .map(r -> r.images().get(target.container())).filter(java.util.Objects::nonNull).toList();
    }

    private static void add(Map<Digest, List<Placement>> map, Digest digest, Placement placement) {
        List<Placement> list = map.computeIfAbsent(digest, d -> new ArrayList<>());
        if (!list.contains(placement)) {
            list.add(placement);
        }
    }
}
