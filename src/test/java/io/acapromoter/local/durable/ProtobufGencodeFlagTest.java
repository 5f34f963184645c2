package io.acapromoter.local.durable;

import com.google.protobuf.StringValue;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why surefire, bin/promoter and Azure run with {@code -Dcom.google.protobuf.use_unsafe_pre22_gencode=true}.
 *
 * <p>durabletask 1.4.0 ships protobuf classes generated before protobuf 22; their parsing constructors
 * call {@code makeExtensionsImmutable()}. In protobuf-java 3.25.9 that method calls
 * {@code GeneratedMessage.warnPre22Gencode(Class)}, which reads the system property on every call (it is
 * not cached): when {@code com.google.protobuf.use_unsafe_pre22_gencode} is set, to any value, it returns;
 * otherwise, if {@code com.google.protobuf.error_on_unsafe_pre22_gencode} is set it throws
 * UnsupportedOperationException, and if not it logs a WARNING (java.util.logging, logger
 * {@code com.google.protobuf.GeneratedMessage}) once per generated type and the parse goes on.
 * Every OrchestratorRequest the driver hands to durabletask is parsed this way.
 */
class ProtobufGencodeFlagTest {

    private static final String FLAG = "com.google.protobuf.use_unsafe_pre22_gencode";
    private static final String ERROR_FLAG = "com.google.protobuf.error_on_unsafe_pre22_gencode";
    private static final String WARNING = "Vulnerable protobuf generated type in use";

    @Test
    void testJvm_runsWithTheGencodeFlagSet() {
        assertThat(System.getProperty(FLAG))
                .as("surefire's argLine must pass -D%s=true (pom property protobuf.gencode.flag)", FLAG)
                .isNotNull();
    }

    @Test
    void withoutTheFlag_protobufWarnsAboutDurabletasksGencodeButStillParses() throws Exception {
        ChildRun run = runChildJvm();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("parsed 1 event")
                .contains(WARNING + ": " + OrchestratorRequest.class.getName());
    }

    @Test
    void withoutTheFlagButWithTheErrorFlag_parsingDurabletasksMessagesFails() throws Exception {
        ChildRun run = runChildJvm("-D" + ERROR_FLAG + "=true");

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output())
                .contains(UnsupportedOperationException.class.getName())
                .contains("makeExtensionsImmutable should not be called from protobuf gencode")
                .doesNotContain("parsed 1 event");
    }

    @Test
    void withTheFlag_evenTheErrorFlagIsSilenced() throws Exception {
        ChildRun run = runChildJvm("-D" + FLAG + "=true", "-D" + ERROR_FLAG + "=true");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("parsed 1 event").doesNotContain(WARNING);
    }

    private record ChildRun(int exitCode, String output) {
    }

    /** Runs {@link ParseDurabletaskRequest} in a fresh JVM on this test classpath, with only the given flags. */
    private static ChildRun runChildJvm(String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(flags));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ParseDurabletaskRequest.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Child JVM did not exit: " + command);
        }
        return new ChildRun(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** The child JVM's program: serialize and parse back a durabletask request, as the driver does. */
    static final class ParseDurabletaskRequest {
        static OrchestratorRequest sampleRequest() {
            return OrchestratorRequest.newBuilder()
                    .setInstanceId("gencode-check")
                    .addNewEvents(HistoryEvent.newBuilder()
                            .setEventId(-1)
                            .setTimestamp(HistoryEvents.timestamp(Instant.parse("2026-01-05T09:00:00Z")))
                            .setEventRaised(com.microsoft.durabletask.implementation.protobuf.OrchestratorService
                                    .EventRaisedEvent.newBuilder().setName("Decision").setInput(StringValue.of("\"ok\""))))
                    .build();
        }

        public static void main(String[] args) throws Exception {
            OrchestratorRequest parsed = OrchestratorRequest.parseFrom(sampleRequest().toByteArray());
            System.out.println("parsed " + parsed.getNewEventsCount() + " event");
        }
    }
}
