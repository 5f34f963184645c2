package io.acapromoter.activities;

import io.acapromoter.domain.PinnedImage;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.Target;

/** Small helpers shared by the step classes. */
final class Targets {

    private Targets() {
    }

    static Target require(PromotionFile file, String name) {
        return file.target(name).orElseThrow(() -> new IllegalStateException(
                "target '" + name + "' is not in the promotion file any more; the promotion cannot continue"));
    }

    /**
     * Revision suffix from the digest and the promotion's attempt, so a revision's name says what it
     * runs, a retried activity asks for the same revision again, and a digest promoted again (a
     * retry, a rollback onto it) gets a new one: Azure answers a reused suffix with a silent no-op or
     * a failed operation.
     */
    static String revisionSuffix(String prefix, PinnedImage image, String attempt) {
        if (attempt == null || !attempt.matches("[a-z0-9]{1,12}")) {
            throw new IllegalArgumentException("attempt must be 1-12 lower-case letters or digits, got '" + attempt + "'");
        }
        return prefix + "-" + image.digest().hex().substring(0, 10) + "-" + attempt;
    }
}
