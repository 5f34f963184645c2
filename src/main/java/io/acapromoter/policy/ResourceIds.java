package io.acapromoter.policy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises the ARM resource ids the promotion file may name. */
public final class ResourceIds {

    private static final Pattern APP_OR_JOB = Pattern.compile(
            "/subscriptions/([0-9a-fA-F-]{36})/resourceGroups/([-\\w._()]{1,90})/providers/Microsoft\\.App/(containerApps|jobs)/([a-z][a-z0-9-]{0,30}[a-z0-9])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern REGISTRY = Pattern.compile(
            "/subscriptions/([0-9a-fA-F-]{36})/resourceGroups/([-\\w._()]{1,90})/providers/Microsoft\\.ContainerRegistry/registries/([a-zA-Z0-9]{5,50})",
            Pattern.CASE_INSENSITIVE);

    private ResourceIds() {
    }

    /** The kind of a container app or job id, or empty if the text is neither. */
    public static Optional<ResourceKind> kindOf(String resourceId) {
        Matcher m = APP_OR_JOB.matcher(resourceId);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(3).equalsIgnoreCase("jobs") ? ResourceKind.JOB : ResourceKind.CONTAINER_APP);
    }

    public static boolean isRegistry(String resourceId) {
        return REGISTRY.matcher(resourceId).matches();
    }

    /** The last segment of an ARM id: the resource's name. */
    public static String nameOf(String resourceId) {
        return resourceId.substring(resourceId.lastIndexOf('/') + 1);
    }
}
