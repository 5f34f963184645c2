package io.acapromoter.logging;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class LogLineProblemTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "connection refused | IOException: connection refused",
            "POST https://prod-1.logic.azure.com:443/workflows/abc/invoke?sig=SECRET failed | IOException: POST https://prod-1.logic.azure.com/… failed",
            "bad https://user:pw@example.com/hook/SECRET | IOException: bad https://example.com/…",
            "first line\\nsecond line with https://x/SECRET | IOException: first line"})
    void problem_keepsTypeAndFirstLine_andCutsUrlsToTheirHost(String message, String expected) {
        String problem = LogLine.problem(new IOException(message.replace("\\n", "\n")));

        assertThat(problem).isEqualTo(expected).doesNotContain("SECRET", "pw");
    }
}
