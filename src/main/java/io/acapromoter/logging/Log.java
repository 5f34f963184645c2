package io.acapromoter.logging;

import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Which logger a line goes to. In Azure only the invocation's logger ({@code ExecutionContext.getLogger()})
 * reaches Application Insights as a trace of that invocation (category {@code Function.<name>.User},
 * with its level and invocation id): the Java worker sends its records to the host over gRPC. A
 * static {@code java.util.logging} logger only writes to the worker's console, which the host
 * keeps as {@code Host.Function.Console} lines without level or invocation (and drops when the
 * worker reports to Application Insights itself). So every Functions entry point runs its body
 * {@link #during} its invocation logger, and code logs through {@link #of}; outside an invocation
 * (the local runtime, tests) that is the class's {@code java.util.logging} logger.
 */
public final class Log {

    private static final ThreadLocal<Logger> INVOCATION = new ThreadLocal<>();

    private Log() {
    }

    /** The current invocation's logger, else the {@code java.util.logging} logger named after {@code owner}. */
    public static Logger of(Class<?> owner) {
        Logger invocation = INVOCATION.get();
        return invocation != null ? invocation : Logger.getLogger(owner.getName());
    }

    /** Runs {@code body} with {@code invocationLogger} as the logger of everything it logs on this thread. */
    public static <T> T during(Logger invocationLogger, Supplier<T> body) {
        Logger previous = INVOCATION.get();
        INVOCATION.set(invocationLogger);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                INVOCATION.remove();
            } else {
                INVOCATION.set(previous);
            }
        }
    }

    public static void during(Logger invocationLogger, Runnable body) {
        during(invocationLogger, () -> {
            body.run();
            return null;
        });
    }
}
