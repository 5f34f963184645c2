package io.acapromoter.status;

import java.util.List;

/**
 * One row of a target's production history: what ran, from when to when, released by which promotion,
 * approved by whom, and how that promotion ended.
 *
 * @param to ISO-8601 time it stopped serving (rolled back, or replaced by a newer production), or null while it serves
 */
public record ProductionRun(String digest, String image, String from, String to, String promotion,
                            List<String> approvers, String outcome, String previousImage) {

    public ProductionRun {
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }
}
