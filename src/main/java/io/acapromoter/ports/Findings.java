package io.acapromoter.ports;

import io.acapromoter.domain.Digest;
import io.acapromoter.domain.ScanReport;

import java.util.Collection;
import java.util.Optional;

/** Defender for Cloud's view of image digests: grouped sub-assessments and individual recommendations. */
public interface Findings {

    /**
     * Unresolved findings on any of the digests, from both recommendation models (current and legacy grouped
     * shapes, individual recommendations), one per CVE per digest; and which of the digests Defender has
     * scanned at all.
     */
    ScanReport forDigests(Collection<Digest> digests);

    /** A registry's login server read from its ARM resource, for records that name the registry only by its id. */
    Optional<String> loginServer(String registryResourceId);
}
