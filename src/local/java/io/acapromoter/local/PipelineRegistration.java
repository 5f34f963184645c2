package io.acapromoter.local;

import io.acapromoter.activities.ActivityBindings;
import io.acapromoter.activities.PromotionActivities;
import io.acapromoter.activities.RebuildActivities;
import io.acapromoter.local.durable.DriverOrchestrations;
import io.acapromoter.local.durable.DurableDriver;
import io.acapromoter.orchestration.Names;
import io.acapromoter.orchestration.PromotionOrchestrator;
import io.acapromoter.orchestration.RebuildOrchestrator;

/**
 * Registers the project's orchestrators and activities on the in-memory driver under the same
 * names as the Functions entry points (one list: {@link ActivityBindings}), binding inputs with Gson
 * as the Functions worker does.
 */
public final class PipelineRegistration {

    private PipelineRegistration() {
    }

    public static DurableDriver register(DurableDriver driver, PromotionActivities promotion, RebuildActivities rebuild) {
        driver.registerOrchestrator(Names.PROMOTION_ORCHESTRATOR, PromotionOrchestrator::run);
        driver.registerOrchestrator(Names.REBUILD_ORCHESTRATOR, RebuildOrchestrator::run);
        for (ActivityBindings.Binding<?, ?> binding : ActivityBindings.of(promotion, rebuild, new DriverOrchestrations(driver))) {
            driver.registerActivity(binding.activity().name(), binding.activity().input(), binding::run);
        }
        return driver;
    }
}
