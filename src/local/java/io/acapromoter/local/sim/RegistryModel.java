package io.acapromoter.local.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mutable state behind a simulated registry; guarded by the {@link RegistryStore} lock. */
final class RegistryModel {
    private RegistryModel() {
    }

    static final class Registry {
        String subscriptionId;
        String resourceGroup;
        String name;
        String location;
        String loginServer;
        Instant created;
        final Map<String, Repository> repositories = new LinkedHashMap<>();
        final Map<String, String> taskTargets = new LinkedHashMap<>();
        final Map<String, Integer> taskFailures = new LinkedHashMap<>();
        final Map<String, NotationSigner> taskSigners = new LinkedHashMap<>();
        final List<Run> runs = new ArrayList<>();
        /** Task runs (named ARM resources, {@code taskRuns/{name}}) by lower-cased name: the request and the run it started. */
        final Map<String, TaskRun> taskRuns = new LinkedHashMap<>();
        final Map<String, String> taskStepTypes = new LinkedHashMap<>();
        /** Whether the OCI referrers API is served (not on registries encrypted with a customer-managed key). */
        boolean referrersApi = true;
        /** Whether referrer descriptors carry artifactType (and the filter is applied); ACR has answered without. */
        boolean referrersListArtifactType = true;
        /** Referrers per page (0: all on one page), for Link paging. */
        int referrersPageSize;
        /** Blobs pushed through the registry API (layers, configs), by digest. */
        final Map<String, byte[]> blobs = new LinkedHashMap<>();
        /** Blob uploads under way, by upload id. */
        final Map<String, java.io.ByteArrayOutputStream> uploads = new LinkedHashMap<>();

        String id() {
            return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                    + "/providers/Microsoft.ContainerRegistry/registries/" + name;
        }
    }

    static final class Repository {
        String name;
        final Map<String, String> tags = new LinkedHashMap<>();
        final Map<String, Manifest> manifests = new LinkedHashMap<>();
    }

    static final class Manifest {
        String digest;
        String mediaType;
        String artifactType;
        String subjectDigest;
        byte[] body;
        Instant created;
        final List<String> tags = new ArrayList<>();
        final List<String> children = new ArrayList<>();
        final Map<String, String> annotations = new LinkedHashMap<>();
    }

    /** A {@code taskRuns/{name}} resource: a PUT of a name that exists starts no second run. */
    record TaskRun(String name, com.fasterxml.jackson.databind.JsonNode runRequest, Run run) {
    }

    static final class Run {
        /** The overrides the task's step took: arguments for a Docker step, values for a task file or encoded task. */
        final Map<String, String> overrides = new LinkedHashMap<>();
        String runId;
        String task;
        String runType;
        Instant created;
        Instant startsAt;
        Instant finishesAt;
        boolean fails;
        String status = "Queued";
        String outputRepository;
        String outputTag;
        String outputDigest;
        NotationSigner signer;
        Instant pushedAt;
        Instant finishTime;
    }
}
