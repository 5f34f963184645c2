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

    /** Revision suffix derived from the digest, so redeploying the same digest is a no-op. */
    static String revisionSuffix(PinnedImage image) {
        return "sha-" + image.digest().hex().substring(0, 12);
    }
}
