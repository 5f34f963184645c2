package io.acapromoter.domain;

import java.util.Optional;

/**
 * The outcome of one probe.
 *
 * @param probe     the probe's name
 * @param url       the URL called
 * @param passed    whether every check held
 * @param status    the last HTTP status, 0 when no answer came
 * @param latencyMs the last attempt's latency
 * @param attempts  how many attempts were made
 * @param failure   why it failed, if it did
 */
public record ProbeResult(String probe, String url, boolean passed, int status, long latencyMs, int attempts,
                          Optional<String> failure) {
}
