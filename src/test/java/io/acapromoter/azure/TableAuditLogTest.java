package io.acapromoter.azure;

import io.acapromoter.ports.AuditKind;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.TableEntity;
import io.acapromoter.ports.AuditRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit trail against Azurite's Table service, through the real {@code azure-data-tables} client. */
class TableAuditLogTest {

    static Azurite azurite;
    TableClient table;
    TableAuditLog log;
    final String promotion = "web-sha256-" + "ab12".repeat(16);

    @BeforeAll
    static void startAzurite() throws Exception {
        azurite = Azurite.start();
    }

    @AfterAll
    static void stopAzurite() throws Exception {
        if (azurite != null) {
            azurite.close();
        }
    }

    @BeforeEach
    void freshTable() {
        String name = "audit" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        table = new TableClientBuilder().connectionString(azurite.connectionString()).tableName(name).buildClient();
        log = TableAuditLog.create(table);
    }

    static AuditRecord record(String promotion, String at, AuditKind kind, String detail) {
        return new AuditRecord(promotion, at, kind, "system", detail, Map.of("digest", "sha256:" + "ab12".repeat(16)));
    }

    @Test
    void history_returnsTheRecordsOfOnePromotionOldestFirstWithAllFields() {
        log.append(new AuditRecord(promotion, "2026-11-23T12:00:05Z", AuditKind.DECISION, "alice@contoso.com",
                "alice chose approve", Map.of("decision", "approve", "reason", "looks good", "source", "203.0.113.7")));
        log.append(record(promotion, "2026-11-23T12:00:00Z", AuditKind.APPROVAL_REQUESTED, "asked 2 approvers"));
        log.append(record("other-promotion", "2026-11-23T11:00:00Z", AuditKind.APPROVAL_REQUESTED, "not this one"));

        List<AuditRecord> history = log.history(promotion);

        assertThat(history).extracting(AuditRecord::kind).containsExactly(AuditKind.APPROVAL_REQUESTED, AuditKind.DECISION);
        assertThat(history.get(1)).isEqualTo(new AuditRecord(promotion, "2026-11-23T12:00:05Z", AuditKind.DECISION,
                "alice@contoso.com", "alice chose approve",
                Map.of("decision", "approve", "reason", "looks good", "source", "203.0.113.7")));
    }

    @Test
    void aLogOnATableNobodyCreated_readsEmpty_thenCreatesTheTableOnItsFirstAppend() {
        TableClient missing = new TableClientBuilder().connectionString(azurite.connectionString())
                .tableName("missing" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).buildClient();
        TableAuditLog lazy = new TableAuditLog(missing);
        AuditRecord first = record(promotion, "2026-11-23T12:00:00Z", AuditKind.APPROVAL_REQUESTED, "asked");

        assertThat(lazy.history(promotion)).isEmpty();
        lazy.append(first);

        assertThat(lazy.history(promotion)).containsExactly(first);
    }

    @Test
    void append_ofTheSameRecordTwiceKeepsBoth() {
        AuditRecord same = record(promotion, "2026-11-23T12:00:00Z", AuditKind.APPROVAL_REMINDED, "reminded");

        log.append(same);
        log.append(same);

        assertThat(log.history(promotion)).containsExactly(same, same);
    }

    @Test
    void afterAFailureHalfWay_theRecordsWrittenStayAndTheRetryAppends() {
        AuditRecord requested = record(promotion, "2026-11-23T12:00:00Z", AuditKind.APPROVAL_REQUESTED, "asking approvers");
        log.append(requested);
        // The notification failed half way: that is written, then the activity is retried from the start.
        log.append(record(promotion, "2026-11-23T12:00:01Z", AuditKind.APPROVAL_REMINDED, "Teams webhook answered HTTP 502"));
        List<TableEntity> before = table.listEntities().stream().toList();

        log.append(requested);
        log.append(record(promotion, "2026-11-23T12:00:03Z", AuditKind.APPROVAL_REMINDED, "sent on retry"));

        List<TableEntity> after = table.listEntities().stream().toList();
        assertThat(log.history(promotion)).extracting(AuditRecord::kind)
                .containsExactly(AuditKind.APPROVAL_REQUESTED, AuditKind.APPROVAL_REQUESTED, AuditKind.APPROVAL_REMINDED,
                        AuditKind.APPROVAL_REMINDED);
        for (TableEntity earlier : before) {
            TableEntity now = after.stream().filter(e -> e.getRowKey().equals(earlier.getRowKey())).findFirst().orElseThrow();
            assertThat(now.getETag()).as("entity %s unchanged", earlier.getRowKey()).isEqualTo(earlier.getETag());
            assertThat(now.getProperties()).isEqualTo(earlier.getProperties());
        }
    }

    @Test
    void rowKeys_sortByTimeThenByAppendOrder() {
        String a = TableAuditLog.rowKey("2026-11-23T09:59:59.5Z");
        String b = TableAuditLog.rowKey("2026-11-23T10:00:00Z");
        String c = TableAuditLog.rowKey("2026-11-23T10:00:00Z");

        assertThat(List.of(c, b, a).stream().sorted().toList()).containsExactly(a, b, c);
    }

    @Test
    void append_refusesAPromotionIdThatCannotBeAPartitionKey() {
        assertThatThrownBy(() -> log.append(record("bad/id", "2026-11-23T10:00:00Z", AuditKind.OUTCOME, "y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad/id");
    }

    @Test
    void theKindColumnHoldsTheWireWord_andRowsWrittenBeforeTheKindWasTyped_readBack() {
        log.append(record(promotion, "2026-11-23T12:00:00Z", AuditKind.DECISION_REFUSED, "not an approver"));
        table.createEntity(new TableEntity(promotion, TableAuditLog.rowKey("2026-11-23T12:00:01Z"))
                .addProperty("At", "2026-11-23T12:00:01Z").addProperty("Kind", "approval.reminded")
                .addProperty("Actor", "system").addProperty("Detail", "reminder sent").addProperty("Fields", "{}"));

        assertThat(table.listEntities().stream().map(e -> e.getProperty("Kind"))).containsExactly("decision.refused", "approval.reminded");
        assertThat(log.history(promotion)).extracting(AuditRecord::kind)
                .containsExactly(AuditKind.DECISION_REFUSED, AuditKind.APPROVAL_REMINDED);
    }

    @Test
    void aRowWithAKindNoVersionWrote_failsTheReadNamingTheRowAndTheKind() {
        table.createEntity(new TableEntity(promotion, TableAuditLog.rowKey("2026-11-23T12:00:00Z"))
                .addProperty("At", "2026-11-23T12:00:00Z").addProperty("Kind", "approval.teleported")
                .addProperty("Actor", "system").addProperty("Detail", "?").addProperty("Fields", "{}"));

        assertThatThrownBy(() -> log.history(promotion)).hasMessageContaining(promotion)
                .hasMessageContaining("approval.teleported").hasMessageContaining("approval.requested");
    }
}
