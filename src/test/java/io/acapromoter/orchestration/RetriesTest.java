package io.acapromoter.orchestration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetriesTest {

    @ParameterizedTest(name = "after {0} failed attempts wait {1}")
    @CsvSource({"1, PT10S", "2, PT20S", "3, PT40S", "4, PT1M", "9, PT1M"})
    void backoff_doublesFromTheFirstIntervalUpToTheMaximum(int attempts, Duration expected) {
        Retries.Backoff backoff = new Retries.Backoff(5, Duration.ofSeconds(5), Duration.ofMinutes(1));

        assertThat(backoff.delayAfter(attempts)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"NonRetriableFault, true", "io.acapromoter.orchestration.NonRetriableFault, true",
            "AzureOperationException, false", "io.acapromoter.ports.AzureOperationException, false",
            "(unknown), false", "'', false"})
    void nonRetriableFault_isRecognisedByTheShortOrTheFullTypeName(String errorType, boolean stops) {
        assertThat(NonRetriableFault.isType(errorType)).isEqualTo(stops);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"ResourceBusyFault, true", "io.acapromoter.orchestration.ResourceBusyFault, true",
            "NonRetriableFault, false", "AzureOperationException, false", "'', false"})
    void resourceBusyFault_isRecognisedByTheShortOrTheFullTypeName(String errorType, boolean busy) {
        assertThat(ResourceBusyFault.isType(errorType)).isEqualTo(busy);
    }
}
