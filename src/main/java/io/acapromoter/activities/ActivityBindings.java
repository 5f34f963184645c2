package io.acapromoter.activities;

import io.acapromoter.orchestration.Activities;
import io.acapromoter.orchestration.Activity;
import io.acapromoter.ports.Notifier;
import io.acapromoter.ports.Orchestrations;

import java.util.List;
import java.util.function.Function;

/**
 * Every entry of {@link Activities} bound to the method that implements it. The compiler checks
 * that each method takes the activity's input type and answers its output type; a runtime that
 * registers activities by name (the local driver) registers exactly this list.
 */
public final class ActivityBindings {

    /** One activity and what runs when it is called. */
    public record Binding<I, O>(Activity<I, O> activity, Function<I, O> body) {

        /** Runs the body on an input already bound to {@link Activity#input()}. */
        public Object run(Object input) {
            return body.apply(activity.input().cast(input));
        }
    }

    private ActivityBindings() {
    }

    public static List<Binding<?, ?>> of(PromotionActivities promotion, RebuildActivities rebuild,
                                         Orchestrations orchestrations) {
        return List.of(
                bind(Activities.LOAD_PLAN, promotion::loadPlan),
                bind(Activities.VERIFY_CANDIDATE, promotion::verifyCandidate),
                bind(Activities.RECHECK_CANDIDATE, promotion::recheckCandidate),
                bind(Activities.DEPLOY_STAGING, promotion::deployStaging),
                bind(Activities.CHECK_STAGING, promotion::checkStaging),
                bind(Activities.RUN_SMOKE_TESTS, promotion::runSmokeTests),
                bind(Activities.CLEAN_UP_STAGING, promotion::cleanUpStaging),
                bind(Activities.SUPERSEDE_OLDER, request -> promotion.supersedeOlder(request, orchestrations)),
                bind(Activities.CLAIM_ROLLOUT, request -> promotion.claimRollout(request, orchestrations)),
                bind(Activities.ROLL_OUT, request -> promotion.rollOut(request, orchestrations)),
                bind(Activities.CHECK_PRODUCTION, promotion::checkProduction),
                bind(Activities.ANALYZE_TRAFFIC, promotion::analyzeTraffic),
                bind(Activities.ROLL_BACK, promotion::rollBack),
                bind(Activities.FINISH_ROLLOUT, promotion::finishRollout),
                bind(Activities.REQUEST_APPROVAL, status -> array(promotion.requestApproval(status))),
                bind(Activities.SEND_REMINDER, status -> array(promotion.sendReminder(status))),
                bind(Activities.ANNOUNCE_OUTCOME, status -> array(promotion.announceOutcome(status))),
                bind(Activities.CHECK_RELEASE, promotion::checkRelease),
                bind(Activities.RECORD_AUDIT, record -> {
                    promotion.recordAudit(record);
                    return null;
                }),
                bind(Activities.SCHEDULE_REBUILD, rebuild::scheduleRebuild),
                bind(Activities.CHECK_REBUILD, rebuild::checkRebuild),
                bind(Activities.REPORT_REBUILD, status -> {
                    rebuild.reportRebuild(status);
                    return null;
                }));
    }

    private static <I, O> Binding<I, O> bind(Activity<I, O> activity, Function<I, O> body) {
        return new Binding<>(activity, body);
    }

    private static Notifier.Delivery[] array(List<Notifier.Delivery> sent) {
        return sent.toArray(Notifier.Delivery[]::new);
    }
}
