package io.acapromoter.local.sim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Every request the simulator answered: the most recent {@value #KEPT} in order (so a long local
 * run does not grow without bound) and counts by Azure operation since the last clear.
 */
final class RequestLog {
    static final int KEPT = 20_000;
    private static final Logger LOG = Logger.getLogger(RequestLog.class.getName());
    private final Deque<RecordedRequest> requests = new ArrayDeque<>();
    private final Map<String, Long> counts = new TreeMap<>();

    synchronized void add(RecordedRequest r) {
        if (requests.size() == KEPT) {
            requests.removeFirst();
        }
        requests.addLast(r);
        counts.merge(r.operation(), 1L, Long::sum);
        LOG.fine(r::toString);
    }

    synchronized List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    synchronized Map<String, Long> countsByOperation() {
        return new TreeMap<>(counts);
    }

    synchronized void clear() {
        requests.clear();
        counts.clear();
    }
}
