package io.acapromoter.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementException;
import io.acapromoter.ports.AzureOperationException;

import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Turns Azure SDK exceptions (after the SDK pipeline's own retries) into
 * {@link AzureOperationException}s that say which operation failed on which resource, what Azure
 * answered, and whether trying later may help.
 */
final class AzureErrors {

    private AzureErrors() {
    }

    static <T> T call(String operation, String resource, Supplier<T> call) {
        try {
            return call.get();
        } catch (ManagementException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            String detail = e.getValue() == null ? firstLine(e.getMessage())
                    : e.getValue().getCode() + ": " + e.getValue().getMessage();
            throw new AzureOperationException(operation, resource, status, isTransient(status), isBusy(status, detail), detail, e);
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            throw new AzureOperationException(operation, resource, status, isTransient(status), firstLine(e.getMessage()), e);
        } catch (UncheckedIOException e) {
            throw new AzureOperationException(operation, resource, 0, true, "I/O error: " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof TimeoutException || e.getCause() instanceof java.io.IOException) {
                throw new AzureOperationException(operation, resource, 0, true,
                        e.getCause().getClass().getSimpleName() + ": " + firstLine(e.getCause().getMessage()), e);
            }
            throw e;
        }
    }

    static void run(String operation, String resource, Runnable call) {
        call(operation, resource, () -> {
            call.run();
            return null;
        });
    }

    /**
     * ARM error codes of a write refused because another operation on the same resource is still running: Container
     * Apps answers {@code ContainerAppOperationInProgress} (older answers: {@code ContainerAppLockConflict}), and its
     * environment {@code ManagedEnvironmentOperationInProgress}. Retrying once the other operation ends succeeds.
     */
    static final Set<String> BUSY_CODES = Set.of("containerappoperationinprogress", "containerapplockconflict",
            "managedenvironmentoperationinprogress");

    /**
     * A 409 whose error ({@code code: message}) says the resource is busy: by its code or, where the code is generic
     * ("Conflict"), by its message.
     */
    static boolean isBusy(int status, String detail) {
        if (status != 409 || detail == null) {
            return false;
        }
        String text = detail.toLowerCase(Locale.ROOT);
        int colon = text.indexOf(':');
        return colon > 0 && BUSY_CODES.contains(text.substring(0, colon).trim())
                || text.contains("another operation is in progress") || text.contains("another modification is in progress");
    }

    static boolean isTransient(int status) {
        return status == 408 || status == 429 || status >= 500 || status == 0;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
