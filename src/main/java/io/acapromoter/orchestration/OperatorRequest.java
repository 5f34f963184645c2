package io.acapromoter.orchestration;

import java.util.Objects;

/**
 * The payload of an operator's event on a promotion ({@link Orchestrators#CANCEL},
 * {@link Orchestrators#RERUN_SMOKE}, {@link Orchestrators#UNFROZEN}).
 *
 * @param by     the signed-in operator
 * @param reason why (required on the actions page)
 * @param at     ISO-8601 time of the request
 */
public record OperatorRequest(String by, String reason, String at) {

    public OperatorRequest {
        Objects.requireNonNull(by, "by");
        reason = reason == null ? "" : reason;
    }
}
