package io.acapromoter.local.sim;

import java.util.Objects;

/**
 * A container app to set up in the simulator, already running its first revision.
 *
 * @param subscriptionId subscription (defaults to {@link AzureSimulator#DEFAULT_SUBSCRIPTION})
 * @param resourceGroup resource group
 * @param name app name (lower case letters, digits, single '-')
 * @param environmentName managed environment; made on first use
 * @param multipleRevisions activeRevisionsMode Multiple (true) or Single (false)
 * @param containerName the one container's name
 * @param image the image it runs, e.g. {@code myreg.azurecr.io/web@sha256:...}
 * @param ingress whether it has external ingress (and so URLs)
 * @param revisionSuffix the first revision's suffix, or null for a generated one
 */
public record ContainerAppSpec(String subscriptionId, String resourceGroup, String name, String environmentName,
                               boolean multipleRevisions, String containerName, String image, boolean ingress, String revisionSuffix) {
    public ContainerAppSpec {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        Objects.requireNonNull(environmentName, "environmentName");
        Objects.requireNonNull(containerName, "containerName");
        Objects.requireNonNull(image, "image");
        if (name == null || !name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*") || name.length() > 32) {
            throw new IllegalArgumentException("container app name must be lower case letters, digits and single '-', at most 32 characters: " + name);
        }
    }

    /** Multiple-revision mode, container named like the app, with ingress. */
    public static ContainerAppSpec of(String resourceGroup, String name, String environmentName, String image) {
        return new ContainerAppSpec(AzureSimulator.DEFAULT_SUBSCRIPTION, resourceGroup, name, environmentName, true, name, image, true, null);
    }

    public ContainerAppSpec inSubscription(String subscription) {
        return new ContainerAppSpec(subscription, resourceGroup, name, environmentName, multipleRevisions, containerName, image, ingress, revisionSuffix);
    }

    public ContainerAppSpec singleRevision() {
        return new ContainerAppSpec(subscriptionId, resourceGroup, name, environmentName, false, containerName, image, ingress, revisionSuffix);
    }

    public ContainerAppSpec withContainerName(String container) {
        return new ContainerAppSpec(subscriptionId, resourceGroup, name, environmentName, multipleRevisions, container, image, ingress, revisionSuffix);
    }

    public ContainerAppSpec withoutIngress() {
        return new ContainerAppSpec(subscriptionId, resourceGroup, name, environmentName, multipleRevisions, containerName, image, false, revisionSuffix);
    }

    public ContainerAppSpec withRevisionSuffix(String suffix) {
        return new ContainerAppSpec(subscriptionId, resourceGroup, name, environmentName, multipleRevisions, containerName, image, ingress, suffix);
    }
}
