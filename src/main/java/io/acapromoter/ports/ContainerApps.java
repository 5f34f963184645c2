package io.acapromoter.ports;

import io.acapromoter.domain.PinnedImage;

import java.util.List;

/**
 * Azure Container Apps and jobs, by ARM resource id. Every method that deploys takes a
 * {@link PinnedImage}, so a tag cannot reach a revision by type. Failures throw
 * {@link AzureOperationException} naming the resource and what failed.
 */
public interface ContainerApps {

    ContainerApp getApp(String appId);

    Job getJob(String jobId);

    /**
     * Creates a revision of {@code appId} running {@code image} in {@code container}, named
     * {@code <app>--<revisionSuffix>}, with {@code label} and weight 0; existing traffic untouched.
     * Deploying a suffix that already runs that image is a no-op. Returns the revision name.
     */
    String deployLabelledRevision(String appId, String container, PinnedImage image, String revisionSuffix, String label);

    /**
     * Updates {@code appId}'s template to {@code image} (a new revision in single-revision mode
     * replaces the old one). A no-op when the container already runs that image. Returns the revision name.
     */
    String deployImage(String appId, String container, PinnedImage image, String revisionSuffix);

    Revision getRevision(String appId, String revisionName);

    /** Replaces the app's traffic entries (weights and labels) in one update; weights must sum to 100. */
    void setTraffic(String appId, List<TrafficSplit> traffic);

    void deactivateRevision(String appId, String revisionName);

    /** Updates the job's template to {@code image}; a no-op when it already runs it. */
    void updateJobImage(String jobId, String container, PinnedImage image);

    /** Starts one execution of the job and returns its name. */
    String startJob(String jobId);

    JobExecution getJobExecution(String jobId, String executionName);
}
