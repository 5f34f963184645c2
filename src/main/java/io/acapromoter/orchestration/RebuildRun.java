package io.acapromoter.orchestration;

import java.util.List;
import java.util.Objects;

/**
 * The answer of {@code CheckRebuild}: where one ACR Task run stands.
 *
 * @param status       ACR's status name (Queued, Running, Succeeded, Failed…), shown as is
 * @param finished     whether the run is over
 * @param succeeded    whether it succeeded
 * @param pushedImages what it pushed
 */
public record RebuildRun(String status, boolean finished, boolean succeeded, List<String> pushedImages) {

    public RebuildRun {
        Objects.requireNonNull(status, "status");
        pushedImages = pushedImages == null ? List.of() : List.copyOf(pushedImages);
    }
}
