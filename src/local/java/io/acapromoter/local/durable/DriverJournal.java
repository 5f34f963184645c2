package io.acapromoter.local.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The driver's state on disk: an append-only log ({@code journal.log}) of instance snapshots, one line
 * each, written and {@code fsync}'d before the driver moves on. Each line is the CRC-32 of its JSON, a
 * space, and the JSON: the instance's identity, status, input, output, custom status, its current
 * execution's history and the events delivered but not yet run (durabletask protobufs, base64). The last
 * line of an instance wins. On opening, the log is read whole (any line that does not parse or whose
 * checksum differs is an error naming the file and line: nothing is skipped silently) and rewritten
 * with one line per instance, through a temporary file renamed over it.
 *
 * <p>Besides instances it records other facts that must survive a restart as {@code {"fact": kind, ...}}
 * lines (used approval form tokens), read back by kind.
 */
public final class DriverJournal implements AutoCloseable {

    static final String FILE = "journal.log";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, JsonNode> instances = new LinkedHashMap<>();
    private final List<JsonNode> facts = new ArrayList<>();
    private FileChannel channel;

    private DriverJournal(Path file) {
        this.file = file;
    }

    /**
     * Opens (creating) the journal in {@code dir} and reads what it holds.
     *
     * @throws JournalException when a line is truncated or corrupt: its message names the file and line
     */
    public static DriverJournal open(Path dir) {
        try {
            Files.createDirectories(dir);
            DriverJournal journal = new DriverJournal(dir.resolve(FILE));
            journal.read();
            journal.compact();
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** A line of the journal that cannot be read back. */
    public static final class JournalException extends RuntimeException {
        JournalException(String message) {
            super(message);
        }
    }

    private void read() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int space = line.indexOf(' ');
            String problem = null;
            JsonNode node = null;
            if (space != 8) {
                problem = "no checksum";
            } else {
                String json = line.substring(9);
                if (!line.substring(0, 8).equals(crc(json))) {
                    problem = "checksum mismatch (truncated or changed)";
                } else {
                    try {
                        node = JSON.readTree(json);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        problem = "not JSON (" + e.getOriginalMessage() + ")";
                    }
                }
            }
            if (problem == null && node.hasNonNull("instanceId")) {
                instances.put(node.get("instanceId").asText(), node);
            } else if (problem == null && node.hasNonNull("fact")) {
                facts.add(node);
            } else if (problem == null) {
                problem = "neither an instance nor a fact";
            }
            if (problem != null) {
                throw new JournalException("journal " + file + " line " + (i + 1) + " is corrupt: " + problem
                        + ". Nothing was resumed; move the file away to start empty, or repair or remove that line.");
            }
        }
    }

    /** One line per instance and the facts still wanted, through a temporary file renamed over the journal. */
    private void compact() throws IOException {
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            for (JsonNode node : instances.values()) {
                write(out, node);
            }
            for (JsonNode fact : facts) {
                write(out, fact);
            }
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** The facts of {@code kind} recorded so far, oldest first. */
    public synchronized List<JsonNode> facts(String kind) {
        return facts.stream().filter(f -> kind.equals(f.path("fact").asText())).toList();
    }

    /** Appends a fact ({@code fields} plus {@code "fact": kind}) and waits until it is on disk. */
    public synchronized void recordFact(String kind, Map<String, String> fields) {
        ObjectNode node = JSON.createObjectNode().put("fact", kind);
        fields.forEach(node::put);
        facts.add(node);
        append(node);
    }

    List<JsonNode> instances() {
        return List.copyOf(instances.values());
    }

    synchronized void record(Instance instance) {
        ObjectNode node = JSON.createObjectNode();
        node.put("instanceId", instance.instanceId);
        node.put("name", instance.name);
        node.put("createdAt", instance.createdAt.toString());
        if (instance.parent != null) {
            node.putObject("parent").put("instanceId", instance.parent.instanceId())
                    .put("executionId", instance.parent.executionId()).put("taskScheduledId", instance.parent.taskScheduledId());
        }
        node.put("input", instance.inputJson);
        node.put("executionId", instance.executionId);
        node.put("status", instance.status.name());
        node.put("output", instance.outputJson);
        node.put("customStatus", instance.customStatusJson);
        if (instance.failure != null) {
            node.putObject("failure").put("errorType", instance.failure.errorType())
                    .put("errorMessage", instance.failure.errorMessage()).put("stackTrace", instance.failure.stackTrace())
                    .put("cause", instance.failure.cause());
        }
        node.put("lastUpdatedAt", instance.lastUpdatedAt.toString());
        events(node.putArray("history"), instance.history);
        events(node.putArray("inbox"), instance.inbox);
        ArrayNode sent = node.putArray("sentEventIds");
        instance.sentEventIds.stream().sorted().forEach(sent::add);
        instances.put(instance.instanceId, node);
        append(node);
    }

    /** The instance a snapshot describes, as it was when written. */
    static Instance restore(JsonNode node) {
        JsonNode parent = node.path("parent");
        Instance instance = new Instance(node.get("instanceId").asText(), node.get("name").asText(), text(node, "input"),
                node.get("executionId").asText(), Instant.parse(node.get("createdAt").asText()),
                parent.isObject() ? new Instance.ParentLink(parent.get("instanceId").asText(), parent.get("executionId").asText(),
                        parent.get("taskScheduledId").asInt()) : null);
        instance.status = OrchestrationRuntimeStatus.valueOf(node.get("status").asText().toUpperCase(Locale.ROOT));
        instance.outputJson = text(node, "output");
        instance.customStatusJson = text(node, "customStatus");
        JsonNode failure = node.path("failure");
        if (failure.isObject()) {
            instance.failure = new FailureInfo(failure.get("errorType").asText(), text(failure, "errorMessage"),
                    text(failure, "stackTrace"), text(failure, "cause"));
        }
        instance.lastUpdatedAt = Instant.parse(node.get("lastUpdatedAt").asText());
        instance.history.addAll(parse(node.path("history")));
        instance.inbox.addAll(parse(node.path("inbox")));
        node.path("sentEventIds").forEach(id -> instance.sentEventIds.add(id.asInt()));
        return instance;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void events(ArrayNode out, List<HistoryEvent> events) {
        Base64.Encoder b64 = Base64.getEncoder();
        events.forEach(e -> out.add(b64.encodeToString(e.toByteArray())));
    }

    private static List<HistoryEvent> parse(JsonNode array) {
        List<HistoryEvent> out = new ArrayList<>();
        for (JsonNode e : array) {
            try {
                out.add(HistoryEvent.parseFrom(Base64.getDecoder().decode(e.asText())));
            } catch (InvalidProtocolBufferException | IllegalArgumentException ex) {
                throw new JournalException("a history event in the journal cannot be read: " + ex.getMessage());
            }
        }
        return out;
    }

    private void append(JsonNode node) {
        try {
            write(channel, node);
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(FileChannel out, JsonNode node) throws IOException {
        String json = JSON.writeValueAsString(node);
        ByteBuffer bytes = ByteBuffer.wrap((crc(json) + " " + json + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    private static String crc(String json) {
        CRC32 crc = new CRC32();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    @Override
    public synchronized void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the journal " + file, e);
        }
    }
}
