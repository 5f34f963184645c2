package io.acapromoter.azure;

import io.acapromoter.ports.AuditKind;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.settings.Settings;
import io.acapromoter.ports.AuditLog;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.AzureOperationException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link AuditLog} on Azure Table Storage, append-only: entities are only ever created (a row key
 * that exists makes the insert fail rather than overwrite), never updated or deleted.
 * PartitionKey is the promotion id; RowKey is {@code <time>-<sequence>-<uuid>} with a fixed-width
 * UTC time, so the service's lexical RowKey order is the order of the records.
 */
public final class TableAuditLog implements AuditLog {

    static final DateTimeFormatter ROW_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Table Storage strings are at most 64 KiB (32K UTF-16 characters); keep room for the rest of the entity. */
    static final int MAX_TEXT = 16_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final TableClient table;

    public TableAuditLog(TableClient table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /** Creates the table if it does not exist yet, then returns the log on it. */
    public static TableAuditLog create(TableClient table) {
        try {
            table.createTable();
        } catch (TableServiceException e) {
            if (e.getResponse() == null || e.getResponse().getStatusCode() != 409) {
                throw e;
            }
        }
        return new TableAuditLog(table);
    }

    /**
     * On {@link Settings#AUDIT_TABLE_ENDPOINT} and {@link Settings#AUDIT_TABLE} with {@code credential}.
     * Makes no call: {@code infra/} provisions the table, and a missing one is created on the first
     * append. Building the log must not cost a token and a round trip on every cold start, nor
     * stop functions that never write to it (intake, a refused approval link).
     */
    public static TableAuditLog fromSettings(Settings settings, TokenCredential credential) {
        TableClient client = new TableClientBuilder().endpoint(settings.require(Settings.AUDIT_TABLE_ENDPOINT))
                .tableName(settings.getOrDefault(Settings.AUDIT_TABLE, "PromoterAudit")).credential(credential).buildClient();
        return new TableAuditLog(client);
    }

    @Override
    public void append(AuditRecord record) {
        String partition = checkKey(record.promotionId());
        TableEntity entity = new TableEntity(partition, rowKey(record.at()))
                .addProperty("At", record.at())
                .addProperty("Kind", record.kind().wire())
                .addProperty("Actor", clip(record.actor()))
                .addProperty("Detail", clip(record.detail()))
                .addProperty("Fields", clip(fieldsJson(record.fields())));
        try {
            table.createEntity(entity);
        } catch (HttpResponseException e) {
            if (!tableMissing(e)) {
                throw fault("append audit record", e);
            }
            create(table);
            try {
                table.createEntity(entity);
            } catch (HttpResponseException retry) {
                throw fault("append audit record", retry);
            }
        }
    }

    private static boolean tableMissing(HttpResponseException e) {
        return e.getResponse() != null && e.getResponse().getStatusCode() == 404;
    }

    @Override
    public List<AuditRecord> history(String promotionId) {
        String filter = "PartitionKey eq '" + checkKey(promotionId).replace("'", "''") + "'";
        try {
            return table.listEntities(new ListEntitiesOptions().setFilter(filter), null, null).stream()
                    .sorted(Comparator.comparing(TableEntity::getRowKey))
                    .map(TableAuditLog::record)
                    .toList();
        } catch (HttpResponseException e) {
            if (tableMissing(e)) {
                return List.of();
            }
            throw fault("read audit history", e);
        }
    }

    private AzureOperationException fault(String operation, HttpResponseException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
        return new AzureOperationException(operation, "audit table " + table.getTableName(), status,
                status == 408 || status == 429 || status >= 500, e.getClass().getSimpleName(), e);
    }

    static String rowKey(String at) {
        Instant time;
        try {
            time = Instant.parse(at);
        } catch (DateTimeParseException | NullPointerException e) {
            time = Instant.now();
        }
        return ROW_TIME.format(time) + "-" + String.format("%012d", SEQUENCE.incrementAndGet()) + "-" + UUID.randomUUID();
    }

    private static AuditRecord record(TableEntity e) {
        AuditKind kind;
        try {
            kind = AuditKind.parse(text(e, "Kind"));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalStateException("audit row " + e.getPartitionKey() + "/" + e.getRowKey() + ": " + unknown.getMessage(), unknown);
        }
        return new AuditRecord(e.getPartitionKey(), text(e, "At"), kind, text(e, "Actor"), text(e, "Detail"),
                fields(text(e, "Fields")));
    }

    private static String text(TableEntity e, String name) {
        Object value = e.getProperty(name);
        return value == null ? null : value.toString();
    }

    private static String fieldsJson(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit fields are not serializable", e);
        }
    }

    private static Map<String, String> fields(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            return Map.of("unreadable", json);
        }
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }

    /** Table keys may not contain {@code / \ # ?} or control characters. */
    static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 512
                || key.chars().anyMatch(c -> c == '/' || c == '\\' || c == '#' || c == '?' || Character.isISOControl(c))) {
            throw new IllegalArgumentException("'" + String.valueOf(key).replaceAll("\\p{Cntrl}", "?")
                    + "' cannot be an audit partition key (1-512 characters without / \\ # ? or control characters)");
        }
        return key;
    }
}
