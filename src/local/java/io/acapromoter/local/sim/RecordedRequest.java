package io.acapromoter.local.sim;

import java.time.Instant;
import java.util.Objects;

/**
 * One request the simulator answered.
 *
 * @param at wall-clock time it arrived
 * @param method HTTP method
 * @param path request path without the query
 * @param apiVersion the {@code api-version} query parameter, or null (data plane, probes)
 * @param operation the Azure operation it maps to, e.g. {@code ContainerApps_Update}
 * @param status the status answered
 * @param body the request body of a PUT or PATCH (what a client sent to change a resource), else null
 */
public record RecordedRequest(Instant at, String method, String path, String apiVersion, String operation, int status,
                              String body) {
    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(operation, "operation");
    }

    @Override
    public String toString() {
        return method + " " + path + (apiVersion == null ? "" : "?api-version=" + apiVersion) + " -> " + status + " (" + operation + ")";
    }
}
