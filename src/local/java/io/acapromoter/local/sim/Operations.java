package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Long-running ARM operations: the {@code Azure-AsyncOperation} status resource (a body with
 * InProgress, Succeeded or Failed and an error) and the {@code Location} result resource (202 while
 * running, then the result or the error). An operation's outcome is asked each time it is polled,
 * so one that follows a revision ends when the revision is ready, fails, or the platform gives up.
 */
final class Operations {
    /** The container apps platform fails an operation whose revision never gets ready after this. */
    static final Duration REVISION_DEADLINE = Duration.ofMinutes(10);

    private final Map<String, Op> ops = new ConcurrentHashMap<>();
    private final SimClock clock;

    /** Where an operation stands at an instant: {@code InProgress}, {@code Succeeded} or {@code Failed} (with an error). */
    record Outcome(String status, String code, String message, ObjectNode body) {
        static final Outcome IN_PROGRESS = new Outcome("InProgress", null, null, null);

        static Outcome succeeded(ObjectNode body) {
            return new Outcome("Succeeded", null, null, body);
        }

        static Outcome failed(String code, String message) {
            return new Outcome("Failed", code, message, null);
        }

        boolean done() {
            return !status.equals("InProgress");
        }
    }

    static final class Op {
        final String id;
        final String subscriptionId;
        final String location;
        final Instant started;
        private final Function<Instant, Outcome> outcome;
        private Outcome settled;
        private Instant ended;

        Op(String subscriptionId, String location, Instant started, Function<Instant, Outcome> outcome) {
            this.id = UUID.randomUUID().toString();
            this.subscriptionId = subscriptionId;
            this.location = location.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
            this.started = started;
            this.outcome = outcome;
        }

        /** Once done an operation stays as it ended. */
        synchronized Outcome at(Instant now) {
            if (settled == null) {
                Outcome o = outcome.apply(now);
                if (o.done()) {
                    settled = o;
                    ended = now;
                }
                return o;
            }
            return settled;
        }

        String id() {
            return id;
        }
    }

    Operations(SimClock clock) {
        this.clock = clock;
    }

    /** An operation that takes {@code takes} and then succeeds, or fails with the code and message given. */
    Op start(String subscriptionId, String location, Duration takes, String failureCode, String failureMessage) {
        Instant done = clock.now().plus(takes);
        return track(subscriptionId, location, now -> now.isBefore(done) ? Outcome.IN_PROGRESS
                : failureCode == null ? Outcome.succeeded(null) : Outcome.failed(failureCode, failureMessage));
    }

    /** An operation whose outcome {@code outcome} tells at each poll. */
    Op track(String subscriptionId, String location, Function<Instant, Outcome> outcome) {
        Op op = new Op(subscriptionId, location, clock.now(), outcome);
        ops.put(op.id, op);
        return op;
    }

    /**
     * Adds the headers ARM sends with a 201/202 for a long-running operation. {@code kind} is the
     * resource's operation family: {@code containerapp} or {@code containerappsjob}.
     */
    static SimResponse withHeaders(SimResponse response, String base, Op op, String apiVersion, String kind) {
        response.header("Azure-AsyncOperation", prefix(base, op) + "/" + kind + "OperationStatuses/" + op.id + "?api-version=" + apiVersion);
        return withLocation(response, base, op, apiVersion, kind);
    }

    /** Only a {@code Location} header, as real job updates and job starts have answered. */
    static SimResponse withLocation(SimResponse response, String base, Op op, String apiVersion, String kind) {
        response.header("Location", prefix(base, op) + "/" + kind + "OperationResults/" + op.id + "?api-version=" + apiVersion);
        return response;
    }

    private static String prefix(String base, Op op) {
        return base + "/subscriptions/" + op.subscriptionId + "/providers/Microsoft.App/locations/" + op.location;
    }

    SimResponse status(SimRequest req) {
        Op op = find(req.param("id"));
        Outcome o = op.at(clock.now());
        ObjectNode body = Json.object();
        body.put("id", req.path);
        body.put("name", op.id);
        body.put("status", o.status());
        body.put("startTime", Json.time(op.started));
        if (o.done()) {
            body.put("endTime", Json.time(op.ended));
        }
        if (o.code() != null) {
            ObjectNode error = body.putObject("error");
            error.put("code", o.code());
            error.put("message", o.message());
        }
        return SimResponse.json(200, body);
    }

    SimResponse result(SimRequest req) {
        Op op = find(req.param("id"));
        Outcome o = op.at(clock.now());
        if (!o.done()) {
            return SimResponse.empty(202).header("Location", "https://" + req.host + req.path + "?api-version=" + req.query.get("api-version"))
                    .header("Retry-After", "1");
        }
        if (o.code() != null) {
            return SimResponse.armError(400, o.code(), o.message());
        }
        return o.body() == null ? SimResponse.empty(204) : SimResponse.json(200, o.body());
    }

    boolean inProgress(Op op) {
        return op != null && !op.at(clock.now()).done();
    }

    boolean failed(Op op) {
        return op != null && op.at(clock.now()).code() != null;
    }

    private Op find(String id) {
        Op op = ops.get(id);
        if (op == null) {
            throw ArmException.notFound("operations", id);
        }
        return op;
    }
}
