package io.acapromoter.ports;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What an {@link AuditRecord} records. Its wire word ({@link #wire()}, also {@link #toString()}) is
 * the dotted lower-case form the audit table has always held in its {@code Kind} column; payloads
 * carry the constant's name, and both readers take either form (Gson matches {@code toString()},
 * {@link #parse} both), so rows and Durable histories written before the type existed still read.
 */
public enum AuditKind {
    /** Approvers were asked (with the channels that reached them). */
    APPROVAL_REQUESTED("approval.requested"),
    /** Approvers were reminded. */
    APPROVAL_REMINDED("approval.reminded"),
    /** A decision was counted (or, from the approval page, delivered). */
    DECISION("decision"),
    /** A decision was refused, with why. */
    DECISION_REFUSED("decision.refused"),
    /** The promotion ended. */
    OUTCOME("outcome"),
    /** A rebuild ended. */
    REBUILD("rebuild"),
    /** A canary analysis judged a step. */
    ANALYSIS("analysis");

    private final String wire;

    AuditKind(String wire) {
        this.wire = wire;
    }

    /** The word the audit table stores, e.g. {@code approval.requested}. */
    public String wire() {
        return wire;
    }

    /** The wire word: what Gson also reads back, and what people read in logs. */
    @Override
    public String toString() {
        return wire;
    }

    /** The kind named by its wire word or its constant name (any case); an unknown word is an error naming it. */
    public static AuditKind parse(String text) {
        for (AuditKind k : values()) {
            if (k.wire.equalsIgnoreCase(text) || k.name().equalsIgnoreCase(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown audit kind '" + text + "' (expected one of "
                + Arrays.stream(values()).map(AuditKind::wire).collect(Collectors.joining(", ")) + ")");
    }
}
