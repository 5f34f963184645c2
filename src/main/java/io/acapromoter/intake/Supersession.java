package io.acapromoter.intake;

import io.acapromoter.orchestration.PromotionInput;
import io.acapromoter.orchestration.InstanceJson;
import io.acapromoter.orchestration.Names;
import io.acapromoter.logging.LogLine;
import io.acapromoter.domain.Candidate;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A newer candidate for a target supersedes older promotions of that target that have not
 * reached production. Event Grid delivers out of order, so "newer" means a later push time, not a
 * later arrival: an older candidate arriving late is superseded at once. Each promotion decides
 * for itself whether it is still before production when the event arrives.
 */
final class Supersession {

    private Supersession() {
    }

    /** Raises {@link Names#SUPERSEDED_EVENT} where needed; returns the ids it told. */
    static List<String> apply(Candidate started, Orchestrations orchestrations, Logger log) {
        String newId = started.promotionId().value();
        List<String> told = new ArrayList<>();
        for (InstanceView other : orchestrations.list(Names.PROMOTION_ORCHESTRATOR, started.target() + "-", 50)) {
            if (other.instanceId().equals(newId) || other.state().isFinished()) {
                continue;
            }
            PromotionInput input = InstanceJson.read(other.instanceId(), other.input(), PromotionInput.class).orElse(null);
            if (input == null || !started.target().equals(input.target())) {
                continue;
            }
            Instant otherPushedAt = instant(input.pushedAt());
            if (otherPushedAt == null) {
                continue;
            }
            boolean newerArrived = otherPushedAt.isBefore(started.pushedAt());
            String olderId = newerArrived ? other.instanceId() : newId;
            Map<String, String> by = new LinkedHashMap<>();
            by.put("image", newerArrived ? started.image().toString() : input.image());
            by.put("pushedAt", newerArrived ? started.pushedAt().toString() : input.pushedAt());
            by.put("promotionId", newerArrived ? newId : other.instanceId());
            orchestrations.raiseEvent(olderId, Names.SUPERSEDED_EVENT, by);
            log.info(LogLine.of("promotion.superseded").with("promotion", olderId).with("target", started.target())
                    .with("by", by.get("promotionId")).toString());
            told.add(olderId);
            if (!newerArrived) {
                break;
            }
        }
        return told;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
