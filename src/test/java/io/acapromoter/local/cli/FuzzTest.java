package io.acapromoter.local.cli;

import io.acapromoter.local.fuzz.EventFuzzer;
import io.acapromoter.local.fuzz.FuzzTargets;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixed-seed slice of the fuzz suite that CI runs: hostile registry events and Defender findings
 * through both Event Grid functions' webhook and {@code explain-event}. Each delivery is capped (a hang
 * is counted, not waited for); nothing here measures speed.
 */
class FuzzTest {

    @Test
    void bothFunctions_refuseOrDecideEveryHostileCase_withoutHangExceptionOrClassNameInTheReason() {
        EventFuzzer.Report report = new EventFuzzer(FuzzTargets.functions(), FuzzCommand.CAP).run(2000, 12);
        System.out.println("fuzz functions: " + report.summary());

        assertThat(report.problems()).isEmpty();
        assertThat(report.hangs()).isZero();
        assertThat(report.exceptions()).isZero();
        assertThat(report.leaks()).isZero();
        assertThat(report.refusedCases()).as("the mutations must reach the refusal paths").isGreaterThan(report.cases() / 2);
        assertThat(report.refusedCases()).as("and some cases must still be read").isLessThan(report.cases());
    }

    @Test
    void explainEvent_explainsEveryHostileFile_withoutHangOrException() {
        EventFuzzer.Report report = new EventFuzzer(List.of(FuzzCommand.explainEvent()), FuzzCommand.CAP).run(300, 34);
        System.out.println("fuzz explain-event: " + report.summary());

        assertThat(report.problems()).isEmpty();
        assertThat(report.cases()).isEqualTo(300);
    }

    @Test
    void fuzzCommand_printsTheFiguresAndExitsZeroWhenNothingHungOrThrew() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = PromoterCli.run(List.of("fuzz", "--cases", "30", "--seed", "5"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, java.util.Map.of());

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("cases 30", "cases/s", "refused", "hangs 0", "exceptions 0");
    }

    @Test
    void fuzzCommand_refusesACaseCountThatIsNotANumber() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = PromoterCli.run(List.of("fuzz", "--cases", "many"), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8), java.util.Map.of());

        assertThat(status).isEqualTo(PromoterCli.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--cases needs a number, got 'many'");
    }
}
