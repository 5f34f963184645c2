package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The mutable state behind the Microsoft.App routes; guarded by the {@link ContainerAppsBackend} lock. */
final class SimModel {
    private SimModel() {
    }

    static final class Environment {
        String subscriptionId;
        String resourceGroup;
        String name;
        String location;
        String defaultDomain;

        String id() {
            return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                    + "/providers/Microsoft.App/managedEnvironments/" + name;
        }
    }

    static final class App {
        String subscriptionId;
        String resourceGroup;
        String name;
        String location;
        Environment environment;
        ObjectNode tags;
        ObjectNode configuration;
        ObjectNode template;
        final List<Revision> revisions = new ArrayList<>();
        String latestRevisionName;
        boolean lastOperationFailed;
        Operations.Op pendingOperation;

        String id() {
            return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                    + "/providers/Microsoft.App/containerApps/" + name;
        }

        boolean singleMode() {
            return "single".equalsIgnoreCase(Json.text(configuration, "activeRevisionsMode"));
        }

        JsonNode ingress() {
            JsonNode i = configuration.get("ingress");
            return i == null || i.isNull() ? null : i;
        }

        Revision revision(String revisionName) {
            for (Revision r : revisions) {
                if (r.name.equalsIgnoreCase(revisionName)) {
                    return r;
                }
            }
            return null;
        }
    }

    static final class Revision {
        App app;
        String name;
        ObjectNode template;
        Instant createdTime;
        Instant readyAt;
        Instant provisionedAt;
        Instant lastActiveTime;
        boolean active = true;
        boolean failProvisioning;
        String provisioningState = "Provisioning";
        String provisioningError;
        String runningStateDetails;
        String runningState = "Processing";
        String healthState = "None";
        int replicas;
        int restartCount;
        int manualRestarts;
        Instant restartedAt;
        /** When a revision running a {@link ImageBehavior#restarting()} image was first seen so, or null. */
        Instant restartingSince;
        int port;

        String image() {
            JsonNode containers = template.get("containers");
            if (containers == null || containers.isEmpty()) {
                return "";
            }
            return Json.text(containers.get(0), "image");
        }
    }

    static final class Job {
        String subscriptionId;
        String resourceGroup;
        String name;
        String location;
        Environment environment;
        ObjectNode configuration;
        ObjectNode template;
        final List<Execution> executions = new ArrayList<>();
        boolean lastOperationFailed;
        Operations.Op pendingOperation;

        String id() {
            return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                    + "/providers/Microsoft.App/jobs/" + name;
        }
    }

    static final class Execution {
        String name;
        /** The execution's template as Azure reports it: the execution-container fields only. */
        ObjectNode template;
        /** What ran: the job's template (a start without a template) or the start template's containers, with the job's volumes. */
        ObjectNode ran;
        Instant startTime;
        Instant endTime;
        Instant finishesAt;
        boolean fails;
        boolean done;
        String status = "Running";
    }
}
