package io.acapromoter.approval;

import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.logging.Log;
import io.acapromoter.logging.LogLine;
import io.acapromoter.operations.RollbackTarget;
import io.acapromoter.operations.TargetFreeze;
import io.acapromoter.orchestration.InstanceJson;
import io.acapromoter.orchestration.Names;
import io.acapromoter.orchestration.OperatorRequest;
import io.acapromoter.orchestration.Orchestrators;
import io.acapromoter.orchestration.PromotionInput;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.Target;
import io.acapromoter.ports.AuditKind;
import io.acapromoter.ports.AuditLog;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The operators' routes, independent of any HTTP server: {@code GET /api/targets/{name}/actions} shows
 * what an operator can do to the target (forms only; it changes nothing), and
 * {@code POST /api/targets/{name}/actions/{action}} does one of {@link Action}, only with the form token of a
 * page served to that operator, only once, and only for a signed-in operator of the target (the target's,
 * or the default, {@code operators}). Every action is audited (who, when, why, from where) in the
 * target's audit partition; refusals are pages with a reason and a fitting status.
 *
 * <p>The signed-in person comes from the platform's principal headers in Azure (App Service
 * Authentication sets and strips them), and locally only from the runtime's own identity.
 */
public final class OperatorEndpoint {

    public static final String ROUTE = "/api/targets/";
    public static final String PROMOTION_FIELD = "promotion";
    /** A random value per form, bound into its token: two pages for the same action never share a token. */
    public static final String NONCE_FIELD = "nonce";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** What an operator can do. */
    public enum Action {
        FREEZE("freeze"), UNFREEZE("unfreeze"), ROLLBACK("rollback"), CANCEL("cancel"), RERUN_SMOKE("rerun-smoke");

        private final String wire;

        Action(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Optional<Action> parse(String text) {
            for (Action a : values()) {
                if (a.wire.equals(text)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    /** Phases a cancel can stop: production has not changed yet. */
    private static final Set<Phase> CANCELLABLE = Set.of(Phase.PENDING, Phase.VERIFYING, Phase.STAGING,
            Phase.SMOKE_TESTING, Phase.AWAITING_APPROVAL);

    private final PromotionFile file;
    private final Orchestrations orchestrations;
    private final AuditLog audit;
    private final FormTokens forms;
    private final UsedFormTokens usedForms;
    private final Clock clock;
    private final Optional<Principal> developmentIdentity;

    /**
     * @param developmentIdentity who is signed in, for {@code bin/promoter local} only: then no header counts
     * @param usedForms           form tokens already spent, shared by every endpoint of the process
     */
    public OperatorEndpoint(PromotionFile file, Orchestrations orchestrations, AuditLog audit, ApprovalLinks links,
                            Clock clock, Optional<Principal> developmentIdentity, UsedFormTokens usedForms) {
        this.file = Objects.requireNonNull(file, "file");
        this.orchestrations = Objects.requireNonNull(orchestrations, "orchestrations");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.forms = FormTokens.of(links);
        this.usedForms = Objects.requireNonNull(usedForms, "usedForms");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.developmentIdentity = Objects.requireNonNull(developmentIdentity, "developmentIdentity");
    }

    /** The signed-in person ({@link Principal#signedIn}). */
    public Optional<Principal> principal(Map<String, String> headers) {
        return Principal.signedIn(developmentIdentity, headers);
    }

    /** {@code GET}: the actions page. Changes nothing. */
    public Response page(String targetName, Map<String, String> headers) {
        return page(targetName, principal(headers).orElse(null));
    }

    public Response page(String targetName, Principal who) {
        Optional<Target> target = target(targetName);
        if (target.isEmpty()) {
            return OperatorPage.refusal(404, "No such target", "No target '" + targetName + "' is configured.");
        }
        Response refused = refuseUnlessOperator(target.get(), who);
        if (refused != null) {
            return refused;
        }
        try {
            return OperatorPage.actions(target.get(), who, state(target.get()), (action, promotion) -> {
                String nonce = nonce();
                return new OperatorPage.Form(forms.issue(scope(target.get().name(), action, promotion, nonce), who.name()), nonce);
            });
        } catch (RuntimeException e) {
            return storeUnreachable(target.get().name(), e);
        }
    }

    /** {@code POST}: one action, from the actions page's form. */
    public Response post(String targetName, String actionName, Map<String, String> form, Map<String, String> headers,
                         String source) {
        return post(targetName, actionName, form, principal(headers).orElse(null), source);
    }

    public Response post(String targetName, String actionName, Map<String, String> form, Principal who, String source) {
        Optional<Target> target = target(targetName);
        if (target.isEmpty()) {
            return OperatorPage.refusal(404, "No such target", "No target '" + targetName + "' is configured.");
        }
        Optional<Action> action = Action.parse(actionName == null ? "" : actionName);
        if (action.isEmpty()) {
            return OperatorPage.refusal(404, "No such action", "Operators can " + String.join(", ",
                    java.util.Arrays.stream(Action.values()).map(Action::wire).toList()) + ".");
        }
        Response refused = refuseUnlessOperator(target.get(), who);
        if (refused != null) {
            return refused;
        }
        String name = target.get().name();
        Map<String, String> fields = form == null ? Map.of() : form;
        String promotion = fields.getOrDefault(PROMOTION_FIELD, "");
        String formToken = fields.get(ApprovalEndpoint.FORM_TOKEN_FIELD);
        LinkCheck.Refusal problem = forms.check(formToken, scope(name, action.get(), promotion,
                fields.getOrDefault(NONCE_FIELD, "")), who.name());
        if (problem != null) {
            log(name, action.get().wire(), who, "refused", "form token " + problem.name().toLowerCase(Locale.ROOT));
            return problem == LinkCheck.Refusal.EXPIRED
                    ? OperatorPage.refusal(410, "This page expired", "The form was open too long. Open the actions page again.")
                    : OperatorPage.refusal(403, "This form is not valid",
                    "The form was not issued to you for this action. Open the actions page again.");
        }
        String reason = Optional.ofNullable(fields.get(ApprovalEndpoint.REASON_FIELD)).map(String::strip)
                .map(r -> r.length() > ApprovalEndpoint.MAX_REASON ? r.substring(0, ApprovalEndpoint.MAX_REASON) : r).orElse("");
        if (reason.isEmpty()) {
            return OperatorPage.refusal(400, "Say why", "Every operator action needs a reason (it goes into the audit trail). "
                    + "Go back and fill it in.");
        }
        if (!usedForms.consume(formToken, clock.instant())) {
            log(name, action.get().wire(), who, "refused", "form token used before");
            return OperatorPage.refusal(409, "This form was already sent",
                    "Each form acts once. Open the actions page again to see where the target stands.");
        }
        try {
            return act(target.get(), action.get(), promotion, who, reason, source);
        } catch (RuntimeException e) {
            return storeUnreachable(name, e);
        }
    }

    private Response act(Target target, Action action, String promotion, Principal who, String reason, String source) {
        String name = target.name();
        String at = clock.instant().toString();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("reason", reason);
        fields.put("source", source == null ? "unknown" : source);
        switch (action) {
            case FREEZE -> {
                Optional<TargetFreeze> frozen = TargetFreeze.current(audit, name);
                if (frozen.isPresent()) {
                    return OperatorPage.refusal(409, "Already frozen", name + " is frozen by " + frozen.get().by()
                            + " since " + frozen.get().at() + ".");
                }
                record(name, at, AuditKind.OPERATOR_FREEZE, who, "froze " + name + ": " + reason, fields);
                return done(name, action, name + " is frozen: approved promotions wait, nothing new reaches production.");
            }
            case UNFREEZE -> {
                if (TargetFreeze.current(audit, name).isEmpty()) {
                    return OperatorPage.refusal(409, "Not frozen", name + " is not frozen.");
                }
                record(name, at, AuditKind.OPERATOR_UNFREEZE, who, "unfroze " + name + ": " + reason, fields);
                int told = 0;
                for (InstanceView live : liveOf(name)) {
                    orchestrations.raiseEvent(live.instanceId(), Orchestrators.UNFROZEN, new OperatorRequest(who.name(), reason, at));
                    told++;
                }
                return done(name, action, name + " is unfrozen; " + told + " promotion(s) in flight told to go on.");
            }
            case ROLLBACK -> {
                RollbackTarget.Plan plan = RollbackTarget.find(audit, orchestrations, name);
                if (plan.target().isEmpty()) {
                    record(name, at, AuditKind.OPERATOR_REFUSED, who, "rollback refused: " + plan.refusal(), fields);
                    return OperatorPage.refusal(409, "Cannot roll back", plan.refusal());
                }
                RollbackTarget back = plan.target().get();
                String id = RollbackTarget.instanceId(name, back.previous(), clock.instant());
                orchestrations.startIfAbsent(Orchestrators.PROMOTION, id,
                        PromotionInput.rollback(id, name, back.previous(), at, who.name(), reason));
                fields.put("promotion", id);
                fields.put("image", back.previous().toString());
                fields.put("from", back.current());
                fields.put("undoes", back.after());
                record(name, at, AuditKind.OPERATOR_ROLLBACK, who, "rollback of " + name + " to " + back.previous() + " ordered: " + reason, fields);
                return done(name, action, "Rolling " + name + " back to " + back.previous() + " as promotion " + id
                        + " (staging, smoke tests, then production; follow it on its status page).");
            }
            case CANCEL, RERUN_SMOKE -> {
                Optional<PromotionStatus> status = liveOf(name).stream().filter(v -> v.instanceId().equals(promotion))
                        .findFirst().flatMap(v -> InstanceJson.read(v.instanceId(), v.customStatus(), PromotionStatus.class));
                String refusal = status.isEmpty() ? "promotion '" + promotion + "' of " + name + " is not in flight"
                        : action == Action.CANCEL ? cancelRefusal(status.get()) : rerunRefusal(status.get());
                fields.put("promotion", promotion);
                if (refusal != null) {
                    record(name, at, AuditKind.OPERATOR_REFUSED, who, action.wire() + " refused: " + refusal, fields);
                    return OperatorPage.refusal(409, "Cannot " + action.wire(), refusal);
                }
                orchestrations.raiseEvent(promotion, action == Action.CANCEL ? Orchestrators.CANCEL : Orchestrators.RERUN_SMOKE,
                        new OperatorRequest(who.name(), reason, at));
                record(name, at, action == Action.CANCEL ? AuditKind.OPERATOR_CANCEL : AuditKind.OPERATOR_RERUN_SMOKE, who, action.wire() + " " + promotion + ": " + reason, fields);
                return done(name, action, action == Action.CANCEL
                        ? "Promotion " + promotion + " is being cancelled; its staging is cleaned up."
                        : "The smoke tests of " + promotion + " run again; the approval page shows the new results.");
            }
            default -> throw new IllegalStateException("unhandled action " + action);
        }
    }

    static String cancelRefusal(PromotionStatus s) {
        if (!CANCELLABLE.contains(s.phase())) {
            return s.promotionId() + " is " + s.phase() + ": production is changing, it rolls back by itself if it fails;"
                    + " use roll back once it ended";
        }
        return null;
    }

    static String rerunRefusal(PromotionStatus s) {
        if (s.phase() != Phase.AWAITING_APPROVAL || s.detail() == null || s.detail().startsWith("approved")) {
            return s.promotionId() + " is not awaiting approval (" + s.phase() + "): smoke tests re-run only while it is";
        }
        return null;
    }

    /** What the actions page shows. */
    record State(Optional<TargetFreeze> freeze, RollbackTarget.Plan rollback, List<PromotionStatus> inFlight) {
    }

    private State state(Target target) {
        List<PromotionStatus> live = new ArrayList<>();
        for (InstanceView v : liveOf(target.name())) {
            InstanceJson.read(v.instanceId(), v.customStatus(), PromotionStatus.class).ifPresent(live::add);
        }
        return new State(TargetFreeze.current(audit, target.name()), RollbackTarget.find(audit, orchestrations, target.name()), live);
    }

    private List<InstanceView> liveOf(String target) {
        return orchestrations.listLive(Names.PROMOTION_ORCHESTRATOR, target + "-").stream()
                .filter(v -> InstanceJson.read(v.instanceId(), v.input(), PromotionInput.class)
                        .map(i -> target.equals(i.target())).orElse(false))
                .toList();
    }

    private Optional<Target> target(String name) {
        return name == null ? Optional.empty() : file.target(name);
    }

    private Response refuseUnlessOperator(Target target, Principal who) {
        if (who == null) {
            return OperatorPage.refusal(403, "Nobody is signed in", "Sign in to act on " + target.name() + ".");
        }
        if (!isOperator(target.operators(), who)) {
            log(target.name(), null, who, "refused", "not an operator");
            return OperatorPage.refusal(403, "You are not an operator of " + target.name(),
                    who.name() + " is not in the operators of " + target.name() + " (promotion file: operators).");
        }
        return null;
    }

    static boolean isOperator(List<String> operators, Principal who) {
        for (String o : operators) {
            if (o.regionMatches(true, 0, "group:", 0, 6)) {
                String group = o.substring(6);
                if (who.groups().stream().anyMatch(g -> g.equalsIgnoreCase(group))) {
                    return true;
                }
            } else if (o.equalsIgnoreCase(who.name())) {
                return true;
            }
        }
        return false;
    }

    /** What a form token is bound to besides the person: target, action, promotion and the form's nonce. */
    static String scope(String target, Action action, String promotion, String nonce) {
        return "operator\n" + target + "\n" + action.wire() + "\n" + (promotion == null ? "" : promotion) + "\n" + nonce;
    }

    private static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void record(String target, String at, AuditKind kind, Principal who, String detail, Map<String, String> fields) {
        audit.append(new AuditRecord(TargetFreeze.partition(target), at, kind, who.name(), detail, fields));
        log(target, kind.wire(), who, kind == AuditKind.OPERATOR_REFUSED ? "refused" : "done", detail);
    }

    private Response done(String target, Action action, String what) {
        return OperatorPage.done(target, action, what);
    }

    private static Response storeUnreachable(String target, RuntimeException e) {
        Log.of(OperatorEndpoint.class).warning(LogLine.of("operator.store-unreachable").with("target", target)
                .with("reason", LogLine.problem(e)).toString());
        return OperatorPage.refusal(503, "Please try again",
                "The target's state could not be read or changed just now. Try again in a minute.");
    }

    /** One line per operator action or refusal: what, on which target, by whom, how it ended and why. */
    private static void log(String target, String action, Principal who, String outcome, String reason) {
        Log.of(OperatorEndpoint.class).info(LogLine.of("operator.action").with("target", target).with("action", action)
                .with("by", who == null ? null : who.name()).with("outcome", outcome).with("reason", reason).toString());
    }
}
