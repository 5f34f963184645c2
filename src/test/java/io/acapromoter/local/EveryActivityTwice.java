package io.acapromoter.local;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a suite's flows with every activity executed twice (a worker crash between an activity's
 * completion and its checkpoint, as Durable's at-least-once delivery allows).
 */
final class EveryActivityTwice implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalFlow.everyActivityTwice = true;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LocalFlow.everyActivityTwice = false;
    }
}
