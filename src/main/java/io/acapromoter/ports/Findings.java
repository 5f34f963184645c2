package io.acapromoter.ports;

import io.acapromoter.domain.Digest;
import io.acapromoter.domain.Finding;

import java.util.Collection;
import java.util.List;

/** Defender for Cloud vulnerability findings (Resource Graph sub-assessments). */
public interface Findings {

    /** Unresolved findings on any of the digests, in both the current and the legacy shape. */
    List<Finding> forDigests(Collection<Digest> digests);
}
