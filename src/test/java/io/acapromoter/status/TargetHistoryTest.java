package io.acapromoter.status;

import io.acapromoter.local.MemoryAuditLog;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.ProductionRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetHistoryTest {

    final MemoryAuditLog audit = new MemoryAuditLog();
    final TargetHistory history = new TargetHistory(audit);

    static String image(int n) {
        return "contoso.azurecr.io/shop/web@sha256:" + String.format("%064x", n);
    }

    void released(int n, String from, String to, String outcome) {
        audit.append(new ProductionRecord("web", "web-sha256-" + String.format("%064x", n), image(n), from, to,
                List.of("alice@contoso.com"), outcome, n > 1 ? image(n - 1) : null).toAudit());
    }

    @Test
    void aProductionRunsUntilTheNextOneThatStuck_andARolledBackOneUntilItsRollback() {
        released(1, "2026-11-01T10:00:00Z", null, "SUCCEEDED");
        released(2, "2026-11-02T10:00:00Z", "2026-11-02T10:05:00Z", "ROLLED_BACK");
        released(3, "2026-11-03T10:00:00Z", null, "SUCCEEDED");
        audit.append(new AuditRecord("web-sha256-9", "2026-11-03T10:00:00Z", io.acapromoter.ports.AuditKind.OUTCOME, "system", "SUCCEEDED", Map.of()));

        TargetHistory.Page page = history.page("web", 10, Optional.empty());

        assertThat(page.productions()).extracting(ProductionRun::outcome, ProductionRun::from, ProductionRun::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SUCCEEDED", "2026-11-03T10:00:00Z", null),
                org.assertj.core.groups.Tuple.tuple("ROLLED_BACK", "2026-11-02T10:00:00Z", "2026-11-02T10:05:00Z"),
                org.assertj.core.groups.Tuple.tuple("SUCCEEDED", "2026-11-01T10:00:00Z", "2026-11-03T10:00:00Z"));
        assertThat(page.productions().get(0).digest()).isEqualTo("sha256:" + String.format("%064x", 3));
        assertThat(page.productions().get(0).approvers()).containsExactly("alice@contoso.com");
        assertThat(page.next()).isNull();
    }

    @Test
    void pagesFollowEachOther_andPageTwoKnowsWhenItsNewestRunEnded() {
        for (int n = 1; n <= 5; n++) {
            released(n, "2026-11-0" + n + "T10:00:00Z", null, "SUCCEEDED");
        }

        TargetHistory.Page first = history.page("web", 2, Optional.empty());
        TargetHistory.Page second = history.page("web", 2, Optional.of(first.next()));
        TargetHistory.Page third = history.page("web", 2, Optional.of(second.next()));

        assertThat(first.productions()).extracting(ProductionRun::image).containsExactly(image(5), image(4));
        assertThat(second.productions()).extracting(ProductionRun::image).containsExactly(image(3), image(2));
        assertThat(second.productions().get(0).to()).isEqualTo("2026-11-04T10:00:00Z");
        assertThat(third.productions()).extracting(ProductionRun::image).containsExactly(image(1));
        assertThat(third.next()).isNull();
    }

    @Test
    void theSameRecordAppendedTwice_isListedOnce() {
        released(1, "2026-11-01T10:00:00Z", null, "SUCCEEDED");
        released(1, "2026-11-01T10:00:00Z", null, "SUCCEEDED");

        assertThat(history.page("web", 10, Optional.empty()).productions()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, TargetHistory.MAX + 1})
    void aLimitOutOfRangeIsRefused(int limit) {
        assertThatThrownBy(() -> history.page("web", limit, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be 1 to 100, found " + limit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-base64!", "aDEKCg", "eDEKCjE", "aDEKeWVzdGVyZGF5CjE"})
    void aContinuationThisClassDidNotIssueIsRefused(String token) {
        assertThatThrownBy(() -> history.page("web", 10, Optional.of(token)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a token this endpoint returned");
    }
}
