package io.acapromoter.activities;

import io.acapromoter.orchestration.NonRetriableFault;
import io.acapromoter.orchestration.ResourceBusyFault;
import io.acapromoter.ports.AzureOperationException;

import java.util.function.Supplier;

/**
 * The boundary between an activity and Durable's retries: an Azure fault that retrying cannot fix
 * becomes a {@link NonRetriableFault}, so the orchestrator stops at once instead of trying four more
 * times; a resource busy with another operation becomes a {@link ResourceBusyFault}, tried again for as long as
 * such an operation may take; everything else is thrown as it is and retried with backoff.
 */
final class Faults {

    private Faults() {
    }

    static <T> T classified(Supplier<T> step) {
        try {
            return step.get();
        } catch (AzureOperationException e) {
            if (e.isBusy()) {
                throw new ResourceBusyFault(e.getMessage(), e);
            }
            if (e.isTransient()) {
                throw e;
            }
            throw new NonRetriableFault(e.getMessage(), e);
        }
    }
}
