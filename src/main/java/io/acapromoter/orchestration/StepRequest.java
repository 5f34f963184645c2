package io.acapromoter.orchestration;

/**
 * The input of most promotion activities: which promotion, which target and image, and the
 * revision (or job execution), URL and weight the step is about. Fields a step does not use are null.
 *
 * @param promotionId      instance id
 * @param target           target name
 * @param image            the candidate, digest-pinned
 * @param revision         the revision (or job execution) the step acts on
 * @param previousRevision the revision production ran before this promotion
 * @param previousImage    the image production ran before this promotion
 * @param url              the URL the step probes
 * @param weight           the traffic share the step sets (canary)
 */
public record StepRequest(String promotionId, String target, String image, String revision, String previousRevision,
                          String previousImage, String url, int weight) {

    static StepRequest of(PromotionInput input) {
        return new StepRequest(input.promotionId(), input.target(), input.image(), null, null, null, null, 0);
    }

    StepRequest withRevision(String newRevision) {
        return new StepRequest(promotionId, target, image, newRevision, previousRevision, previousImage, url, weight);
    }

    StepRequest withPrevious(String revision, String image) {
        return new StepRequest(promotionId, target, this.image, this.revision, revision, image, url, weight);
    }

    StepRequest withUrl(String newUrl) {
        return new StepRequest(promotionId, target, image, revision, previousRevision, previousImage, newUrl, weight);
    }

    StepRequest withWeight(int newWeight) {
        return new StepRequest(promotionId, target, image, revision, previousRevision, previousImage, url, newWeight);
    }
}
