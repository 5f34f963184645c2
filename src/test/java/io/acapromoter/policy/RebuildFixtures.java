package io.acapromoter.policy;

import io.acapromoter.domain.Digest;
import io.acapromoter.domain.Finding;
import io.acapromoter.domain.FindingModel;
import io.acapromoter.domain.Severity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Promotion files and findings for rebuild planning tests: image {@code j} is target {@code img<j>} in registry {@code reg<j % registries>}. */
final class RebuildFixtures {

    static final String SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000";

    private RebuildFixtures() {
    }

    static String registryId(int registry) {
        return SUBSCRIPTION + "/resourceGroups/shared/providers/Microsoft.ContainerRegistry/registries/registry" + registry;
    }

    static String host(int registry) {
        return "registry" + registry + ".azurecr.io";
    }

    static Digest digest(int image) {
        return new Digest("sha256", String.format("%064x", image + 1));
    }

    /** Targets img0..img(images-1), each a job with a rebuild policy, spread over {@code registries} registries. */
    static PromotionFile file(int registries, int images, int maxConcurrent, String minSeverity, boolean onlyFixable, String window) {
        StringBuilder yaml = new StringBuilder("registries:\n");
        for (int r = 0; r < registries; r++) {
            yaml.append("  - ").append(host(r)).append('\n');
        }
        yaml.append("approval:\n  approvers: [alice@contoso.com]\ntargets:\n");
        for (int j = 0; j < images; j++) {
            int r = j % registries;
            yaml.append("""
                      - name: img%1$d
                        registry: %2$s
                        repository: app/img%1$d
                        tags: '^v.*$'
                        production:
                          resourceId: %3$s/resourceGroups/prod/providers/Microsoft.App/jobs/img%1$d
                          container: main
                        staging:
                          strategy: job
                          resourceId: %3$s/resourceGroups/staging/providers/Microsoft.App/jobs/img%1$d-staging
                        rebuild:
                          registryResourceId: %4$s
                          task: rebuild-img%1$d
                          minSeverity: %5$s
                          onlyFixable: %6$s
                          window: %7$s
                          maxConcurrent: %8$d
                          arguments: { BASE: debian-12 }
                    """.formatted(j, host(r), SUBSCRIPTION, registryId(r), minSeverity, onlyFixable, window, maxConcurrent));
        }
        return PromotionFileLoader.parse(yaml.toString(), "test.yaml");
    }

    static Finding finding(int image, int registries, String cve, Severity severity, boolean fixable) {
        return new Finding("/sub/" + image + "/" + cve, host(image % registries), "app/img" + image, digest(image), cve,
                severity, fixable, Optional.empty(), FindingModel.GROUPED_CURRENT);
    }

    /** Every image's digest runs in its own target's production. */
    static RunningImages runningEverywhere(int images) {
        Map<Digest, List<Placement>> map = new HashMap<>();
        for (int j = 0; j < images; j++) {
            map.put(digest(j), List.of(new Placement("img" + j, Placement.Place.PRODUCTION)));
        }
        return new RunningImages(map);
    }
}
