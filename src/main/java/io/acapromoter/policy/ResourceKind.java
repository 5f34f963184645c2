package io.acapromoter.policy;

/** What a target deploys to: a container app (revisions, traffic) or a job (no revisions). */
public enum ResourceKind {
    CONTAINER_APP, JOB
}
