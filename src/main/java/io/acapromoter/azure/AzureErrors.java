package io.acapromoter.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementException;
import io.acapromoter.ports.AzureOperationException;

import java.io.UncheckedIOException;
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
            throw new AzureOperationException(operation, resource, status, isTransient(status), detail, e);
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
