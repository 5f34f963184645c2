package io.acapromoter.ports;

import io.acapromoter.domain.PinnedImage;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Azure Container Apps and jobs, by ARM resource id. Every method that deploys takes a
 * {@link PinnedImage}, so a tag cannot reach a revision by type. Failures throw
 * {@link AzureOperationException} naming the resource and what failed.
 */
public interface ContainerApps {

    ContainerApp getApp(String appId);

    /**
     * The app in one read, without listing its revisions ({@link ContainerApp#revisions()} is empty):
     * for what the app resource itself carries (traffic, labels, template images, registries, host name).
     */
    ContainerApp getAppWithoutRevisions(String appId);

    Job getJob(String jobId);

    /**
     * Starts a revision of {@code appId} running {@code image} in {@code container}, named
     * {@code <app>--<revisionSuffix>}, with {@code label} and weight 0; existing traffic untouched
     * ("latest revision" traffic is pinned to the latest <em>ready</em> revision first). Returns once
     * Azure accepted the request, with the operation to watch. The suffix must be new: Azure answers a
     * reused one with a no-op or a failed operation. Calling it again with the same suffix (a retried
     * activity) does not ask for a second revision.
     */
    default StartedRevision beginLabelledRevision(String appId, String container, PinnedImage image, String revisionSuffix,
                                                  String label) {
        return beginLabelledRevision(appId, container, image, revisionSuffix, label, app -> Optional.empty());
    }

    /**
     * {@link #beginLabelledRevision(String, String, PinnedImage, String, String)}, written only if {@code refuse} finds
     * nothing wrong with the app as read right before the write (its revisions are not listed); else
     * {@link WriteRefused} with its reason and nothing written. Asked on every call, also when an earlier call with
     * the same suffix already requested the revision: the caller learns what the app runs either way.
     */
    StartedRevision beginLabelledRevision(String appId, String container, PinnedImage image, String revisionSuffix, String label,
                                          Function<ContainerApp, Optional<String>> refuse);

    /**
     * Starts updating {@code appId}'s template to {@code image} (in single-revision mode the new
     * revision replaces the old one once it is ready). Nothing to watch when the container already
     * runs that image.
     */
    default StartedRevision beginDeployImage(String appId, String container, PinnedImage image, String revisionSuffix) {
        return beginDeployImage(appId, container, image, revisionSuffix, app -> Optional.empty());
    }

    /**
     * {@link #beginDeployImage(String, String, PinnedImage, String)}, written only if {@code refuse} finds nothing
     * wrong with the app as read right before the write (its revisions are not listed); else
     * {@link WriteRefused} with its reason and nothing written. Not asked when the container already runs {@code image}.
     */
    StartedRevision beginDeployImage(String appId, String container, PinnedImage image, String revisionSuffix,
                                     Function<ContainerApp, Optional<String>> refuse);

    /** How an operation started by a {@code begin*} method on {@code resourceId} stands now. */
    OperationStatus getOperation(String resourceId, PendingOperation operation);

    /** One revision; its replicas are a separate read ({@link #listReplicas}). */
    Revision getRevision(String appId, String revisionName);

    /**
     * The revision's replicas with their containers' states and restart counts, in one read. Empty when it runs none
     * (inactive, scaled to zero) and when Azure does not know the revision: the revision's own read says which.
     */
    List<Replica> listReplicas(String appId, String revisionName);

    /** Replaces the app's traffic entries (weights and labels) in one update; weights must sum to 100. */
    void setTraffic(String appId, List<TrafficSplit> traffic);

    void deactivateRevision(String appId, String revisionName);

    /** Updates the job's template to {@code image}; a no-op when it already runs it. */
    default void updateJobImage(String jobId, String container, PinnedImage image) {
        updateJobImage(jobId, container, image, job -> Optional.empty());
    }

    /**
     * {@link #updateJobImage(String, String, PinnedImage)}, written only if {@code refuse} finds nothing wrong with
     * the job as read right before the write; else {@link WriteRefused} and nothing written. Not asked when the
     * container already runs {@code image}: then the answer is false (nothing written), else true.
     */
    boolean updateJobImage(String jobId, String container, PinnedImage image, Function<Job, Optional<String>> refuse);

    /**
     * Starts one execution of the job running {@code image} in {@code container}, carrying {@code startKey} (in the
     * environment variable {@value #START_KEY_VARIABLE} of its containers), unless an execution carrying it exists;
     * the job is read once. When the job's containers have nothing a {@code Jobs_Start} template cannot carry (volume
     * mounts, probes), the execution starts from a template: the job's containers as they are, {@code container}
     * running {@code image}; the job itself is not written, and its executions are searched for {@code startKey}
     * first. Otherwise the job is updated to {@code image} and {@code startKey} first and started as it stands (no
     * template, so nothing of it is dropped), and the executions are searched only when the job already carried both
     * (when this call wrote them, no earlier try got past its update). On the template path the executions are searched
     * only when {@code tries} says an earlier try may have started one ({@link StartTries#UNKNOWN}: always), and
     * {@code tries} is told right before every start request. {@code refuse} is asked about the job as read (only
     * before a write when the job is updated); a refusal throws {@link WriteRefused} and nothing is started.
     */
    StartedExecution startJobImage(String jobId, String container, PinnedImage image, String startKey,
                                   Function<Job, Optional<String>> refuse, StartTries tries);

    /** The environment variable that marks an execution with the start key of the promotion that started it. */
    String START_KEY_VARIABLE = "PROMOTER_START_KEY";

    JobExecution getJobExecution(String jobId, String executionName);
}
