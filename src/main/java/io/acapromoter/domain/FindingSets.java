package io.acapromoter.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Operations on lists of findings that every path (events, sweep, gate) must do the same way. */
public final class FindingSets {

    private FindingSets() {
    }

    /**
     * One finding per CVE per digest: the same vulnerability reported by both models (or twice by one) counts
     * once. Of duplicates, the most severe report is kept, and of equally severe ones a fixable one, so that
     * neither a rebuild nor a block is lost by de-duplicating. Order: first appearance.
     */
    public static List<Finding> distinct(Collection<Finding> findings) {
        Comparator<Finding> better = Comparator.comparing(Finding::severity).thenComparing(Finding::fixable);
        Map<String, Finding> kept = new LinkedHashMap<>();
        for (Finding f : findings) {
            kept.merge(f.sameFindingKey(), f, (a, b) -> better.compare(b, a) > 0 ? b : a);
        }
        return new ArrayList<>(kept.values());
    }
}
