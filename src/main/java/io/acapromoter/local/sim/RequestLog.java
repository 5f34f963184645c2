package io.acapromoter.local.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/** Every request the simulator answered, in order; counts by Azure operation for cost reports. */
final class RequestLog {
    private static final Logger LOG = Logger.getLogger(RequestLog.class.getName());
    private final List<RecordedRequest> requests = new ArrayList<>();

    synchronized void add(RecordedRequest r) {
        requests.add(r);
        LOG.fine(r::toString);
    }

    synchronized List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    synchronized Map<String, Long> countsByOperation() {
        Map<String, Long> counts = new TreeMap<>();
        requests.forEach(r -> counts.merge(r.operation(), 1L, Long::sum));
        return counts;
    }

    synchronized void clear() {
        requests.clear();
    }
}
