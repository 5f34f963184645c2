package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Long-running ARM operations: the {@code Azure-AsyncOperation} status resource the SDK's poller
 * reads until it says Succeeded, Failed or Canceled.
 */
final class Operations {
    private final Map<String, Op> ops = new ConcurrentHashMap<>();
    private final SimClock clock;

    record Op(String id, String subscriptionId, String location, Instant started, Instant done, String failureCode, String failureMessage) {
        String status(Instant now) {
            if (now.isBefore(done)) {
                return "InProgress";
            }
            return failureCode == null ? "Succeeded" : "Failed";
        }
    }

    Operations(SimClock clock) {
        this.clock = clock;
    }

    Op start(String subscriptionId, String location, Duration takes, String failureCode, String failureMessage) {
        Instant now = clock.now();
        Op op = new Op(UUID.randomUUID().toString(), subscriptionId, location.replace(" ", "").toLowerCase(),
                now, now.plus(takes), failureCode, failureMessage);
        ops.put(op.id(), op);
        return op;
    }

    /** Adds the headers ARM sends with a 201/202 for a long-running operation. */
    /**
     * Adds the headers ARM sends with a 201/202 for a long-running operation. {@code kind} is the
     * resource's operation family: {@code containerapp} or {@code containerappsjob}.
     */
    static SimResponse withHeaders(SimResponse response, String base, Op op, String apiVersion, String kind) {
        String prefix = base + "/subscriptions/" + op.subscriptionId() + "/providers/Microsoft.App/locations/" + op.location();
        response.header("Azure-AsyncOperation", prefix + "/" + kind + "OperationStatuses/" + op.id() + "?api-version=" + apiVersion);
        response.header("Location", prefix + "/" + kind + "OperationResults/" + op.id() + "?api-version=" + apiVersion);
        return response;
    }

    SimResponse status(SimRequest req) {
        Op op = find(req.param("id"));
        Instant now = clock.now();
        ObjectNode body = Json.object();
        body.put("id", req.path);
        body.put("name", op.id());
        String status = op.status(now);
        body.put("status", status);
        body.put("startTime", Json.time(op.started()));
        if (!status.equals("InProgress")) {
            body.put("endTime", Json.time(op.done()));
        }
        if (op.failureCode() != null && status.equals("Failed")) {
            ObjectNode error = body.putObject("error");
            error.put("code", op.failureCode());
            error.put("message", op.failureMessage());
        }
        return SimResponse.json(200, body);
    }

    SimResponse result(SimRequest req) {
        Op op = find(req.param("id"));
        String status = op.status(clock.now());
        if (status.equals("InProgress")) {
            return SimResponse.empty(202).header("Location", "https://" + req.host + req.path + "?api-version=" + req.query.get("api-version"));
        }
        if (status.equals("Failed")) {
            return SimResponse.armError(400, op.failureCode(), op.failureMessage());
        }
        return SimResponse.empty(204);
    }

    boolean inProgress(Op op) {
        return op != null && op.status(clock.now()).equals("InProgress");
    }

    private Op find(String id) {
        Op op = ops.get(id);
        if (op == null) {
            throw ArmException.notFound("operations", id);
        }
        return op;
    }
}
