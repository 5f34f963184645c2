package io.acapromoter.activities;

import io.acapromoter.orchestration.PromotionRef;
import io.acapromoter.ports.AuditKind;
import io.acapromoter.ports.AuditLog;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.StartTries;

import java.time.Clock;
import java.util.Map;

/**
 * A staging job's start, told apart from its earlier tries by the promotion's audit trail instead of by listing the
 * job's executions: right before the start request a record says it is being made ({@link AuditKind#AZURE_CHANGE},
 * action {@value #ACTION}, with the start key); only a try that finds that record searches the executions for the key.
 * The record is written before the start, so a try that died after starting is always seen; one that died in between
 * makes a later try search and find nothing, and start. The trail is read from the promotion's own partition (a few
 * rows, Table Storage), which costs no ARM request.
 */
final class AuditedJobStart implements StartTries {

    static final String ACTION = "start staging job";

    private final AuditLog audit;
    private final Clock clock;
    private final PromotionRef promotion;
    private final String job;
    private final String startKey;

    AuditedJobStart(AuditLog audit, Clock clock, PromotionRef promotion, String job, String startKey) {
        this.audit = audit;
        this.clock = clock;
        this.promotion = promotion;
        this.job = job;
        this.startKey = startKey;
    }

    @Override
    public boolean mayHaveStarted() {
        return audit.history(promotion.promotionId()).stream()
                .anyMatch(r -> r.kind() == AuditKind.AZURE_CHANGE && ACTION.equals(r.fields().get("action"))
                        && startKey.equals(r.fields().get("startKey")));
    }

    /** Written before the start, and it must be: a start that a later try could not see could run twice. */
    @Override
    public void starting() {
        audit.append(new AuditRecord(promotion.promotionId(), clock.instant().toString(), AuditKind.AZURE_CHANGE, "system",
                "starting an execution of staging job " + job + " with " + promotion.image(),
                Map.of("action", ACTION, "job", job, "startKey", startKey)));
    }
}
