package io.acapromoter.orchestration;

import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskOptions;
import com.microsoft.durabletask.TaskOrchestrationContext;

import java.util.Objects;

/**
 * One activity as the orchestrators call it: its name and the types of its input and output, so
 * that a call cannot send the wrong payload or read the answer as the wrong type. {@link Activities}
 * lists them all; the Functions bindings and the local driver's registration are checked against it.
 *
 * @param name   the function name (a {@link Names} constant)
 * @param input  the payload type
 * @param output the answer type ({@code Void} when there is none)
 */
public record Activity<I, O>(String name, Class<I> input, Class<O> output) {

    public Activity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
    }

    /** Schedules this activity with {@code payload}; the answer arrives as {@link #output}. */
    public Task<O> call(TaskOrchestrationContext ctx, I payload, TaskOptions options) {
        return ctx.callActivity(name, payload, options, output);
    }
}
