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
 * @param attempt          what makes this promotion's revision suffixes new (from the orchestration clock), so a
 *                         digest promoted again never reuses a suffix
 * @param operation        the ARM operation a deployment started and the readiness checks watch
 *                         ({@code PendingOperation} in its text form), or null
 * @param operationOnly    a readiness check may look at the operation alone while it runs (fewer reads)
 */
public record StepRequest(String promotionId, String target, String image, String revision, String previousRevision,
                          String previousImage, String url, int weight, String attempt, String operation,
                          boolean operationOnly) {

    static StepRequest of(PromotionInput input) {
        return new StepRequest(input.promotionId(), input.target(), input.image(), null, null, null, null, 0, null, null, false);
    }

    StepRequest withAttempt(String a) {
        return new StepRequest(promotionId, target, image, revision, previousRevision, previousImage, url, weight, a, operation,
                operationOnly);
    }

    StepRequest withOperation(String op) {
        return new StepRequest(promotionId, target, image, revision, previousRevision, previousImage, url, weight, attempt, op,
                operationOnly);
    }

    StepRequest withOperationOnly(boolean only) {
        return new StepRequest(promotionId, target, image, revision, previousRevision, previousImage, url, weight, attempt,
                operation, only);
    }

    StepRequest withRevision(String newRevision) {
        return new StepRequest(promotionId, target, image, newRevision, previousRevision, previousImage, url, weight, attempt, operation, operationOnly);
    }

    StepRequest withPrevious(String revision, String image) {
        return new StepRequest(promotionId, target, this.image, this.revision, revision, image, url, weight, attempt, operation, operationOnly);
    }

    StepRequest withUrl(String newUrl) {
        return new StepRequest(promotionId, target, image, revision, previousRevision, previousImage, newUrl, weight, attempt, operation, operationOnly);
    }

    StepRequest withWeight(int newWeight) {
        return new StepRequest(promotionId, target, image, revision, previousRevision, previousImage, url, newWeight, attempt, operation, operationOnly);
    }
}
