package io.acapromoter.domain;


import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What Defender reports about a set of digests.
 *
 * @param findings unresolved findings, one per CVE per digest
 * @param scanned  digests Defender has scanned: any record of either model, in any status (a digest with a
 *                 finding is scanned too). A digest missing here has not been scanned yet, as far as the data shows.
 */
public record ScanReport(List<Finding> findings, Set<Digest> scanned) {

    public ScanReport {
        findings = FindingSets.distinct(findings);
        Set<Digest> all = new HashSet<>(scanned);
        findings.forEach(f -> all.add(f.digest()));
        scanned = Set.copyOf(all);
    }

    public static ScanReport of(Collection<Finding> findings, Collection<Digest> scanned) {
        return new ScanReport(List.copyOf(findings), Set.copyOf(scanned));
    }

    public boolean scanned(Digest digest) {
        return scanned.contains(digest);
    }
}
