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
    StartedRevision beginLabelledRevision(String appId, String container, PinnedImage image, String revisionSuffix, String label);

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
     * {@link #updateJobImage} then {@link #startJob} in one: the execution starts from the template just written,
     * without reading the job again. The executions are searched for {@code startKey} only when the job already ran
     * {@code image} (an earlier try of the caller may have started one); when this call changed the template, no
     * earlier try got past its update, so none did. {@code refuse} as for {@link #updateJobImage(String, String,
     * PinnedImage, Function)}: asked about the job as read before the update, only when there is one to make.
     */
    String updateJobImageAndStart(String jobId, String container, PinnedImage image, String startKey,
                                  Function<Job, Optional<String>> refuse);

    /**
     * Starts one execution of the job as its template stands, carrying {@code startKey} (in the
     * environment variable {@value #START_KEY_VARIABLE} of its containers), unless an execution carrying
     * it exists; returns the execution's name either way. So an activity that runs again (Durable runs
     * activities at least once) starts no second execution.
     */
    String startJob(String jobId, String startKey);

    /** The environment variable that marks an execution with the start key of the promotion that started it. */
    String START_KEY_VARIABLE = "PROMOTER_START_KEY";

    JobExecution getJobExecution(String jobId, String executionName);
}
