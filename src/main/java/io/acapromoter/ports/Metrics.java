package io.acapromoter.ports;

import io.acapromoter.domain.RevisionTraffic;

/**
 * Azure Monitor, as the canary analysis reads it: what one revision served over a span. Faults are thrown as
 * {@link AzureOperationException}; a revision that served nothing is an answer (zero requests), not a fault.
 */
public interface Metrics {

    RevisionTraffic measure(TrafficQuery query);
}
