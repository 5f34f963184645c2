package io.acapromoter.activities;

import io.acapromoter.orchestration.Names;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.Target;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;

import java.util.Locale;

/**
 * Which promotions may write an app's traffic list: those of every target whose production is that app (staging
 * labels its revisions there, clean-up removes them, rollouts and rollbacks move traffic). Read from the Durable
 * store's listing of live instances, as supersession reads it: no Azure request.
 */
final class LivePromotions {

    private LivePromotions() {
    }

    /** Whether no promotion but {@code self} is live on {@code target}'s production app. */
    static boolean aloneOn(PromotionFile file, Orchestrations orchestrations, Target target, String self) {
        String app = target.productionResourceId().toLowerCase(Locale.ROOT);
        for (Target t : file.targets()) {
            if (!t.productionResourceId().toLowerCase(Locale.ROOT).equals(app)) {
                continue;
            }
            for (InstanceView v : orchestrations.listLive(Names.PROMOTION_ORCHESTRATOR, t.name() + "-")) {
                if (!v.instanceId().equals(self)) {
                    return false;
                }
            }
        }
        return true;
    }
}
