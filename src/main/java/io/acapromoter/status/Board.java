package io.acapromoter.status;

import java.util.List;

/**
 * The ops board: every target at one moment.
 *
 * @param at      ISO-8601 time the board was put together
 * @param targets one entry per target of the promotion file, in its order
 */
public record Board(String at, List<TargetBoard> targets) {

    public Board {
        targets = List.copyOf(targets);
    }
}
