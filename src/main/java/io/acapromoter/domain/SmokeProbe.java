package io.acapromoter.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * One HTTP check run against the staging URL (and, during monitoring, the production URL).
 *
 * @param name          shown to approvers
 * @param method        HTTP method
 * @param path          path and query, starting with '/'
 * @param expectStatus  the status the probe must answer
 * @param bodyContains  text the body must contain, if set
 * @param jsonPointer   a JSON Pointer into the body (e.g. {@code /status}), if set
 * @param jsonEquals    the text value the pointer must hold, if {@code jsonPointer} is set
 * @param latencyBudget the longest an answer may take
 * @param retries       extra attempts after a failure, with backoff
 */
public record SmokeProbe(String name, String method, String path, int expectStatus,
                         Optional<String> bodyContains, Optional<String> jsonPointer, Optional<String> jsonEquals,
                         Duration latencyBudget, int retries) {
}
