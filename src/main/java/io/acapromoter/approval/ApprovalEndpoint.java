package io.acapromoter.approval;

import io.acapromoter.orchestration.Orchestrators;
import io.acapromoter.ports.AuditKind;
import io.acapromoter.domain.Decision;
import io.acapromoter.logging.Log;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.domain.PromotionStatus.DecisionEntry;
import io.acapromoter.orchestration.DecisionEvent;
import io.acapromoter.orchestration.InstanceJson;
import io.acapromoter.logging.LogLine;
import io.acapromoter.orchestration.Names;
import io.acapromoter.policy.ApprovalRules;
import io.acapromoter.ports.AuditLog;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;

/**
 * The approval routes, independent of any HTTP server: {@code GET /api/approvals/{token}} shows
 * the confirmation page and decides nothing (mail link scanners fetch every link);
 * {@code POST /api/approvals/{token}} with the page's form token, from an allowed approver, raises
 * {@link Names#APPROVAL_DECISION_EVENT} and writes a {@code decision} audit record. Every refusal is
 * a page with a reason and a fitting status, never an exception.
 *
 * <p>Built per invocation around that invocation's {@link Orchestrations}; the other collaborators
 * are shared. Tokens never reach the log.
 */
public final class ApprovalEndpoint {

    public static final String FORM_TOKEN_FIELD = "form_token";
    public static final String DECISION_FIELD = "decision";
    public static final String REASON_FIELD = "reason";
    static final int MAX_REASON = 1000;
    private final ApprovalLinks links;
    private final FormTokens forms;
    private final Orchestrations orchestrations;
    private final AuditLog audit;
    private final Clock clock;
    private final Optional<Principal> developmentIdentity;
    private final UsedFormTokens usedForms;

    /**
     * @param developmentIdentity who is signed in when the platform sets no principal header; only for
     *                            {@code bin/promoter local}, never configured from app settings
     */
    public ApprovalEndpoint(ApprovalLinks links, Orchestrations orchestrations, AuditLog audit, Clock clock,
                            Optional<Principal> developmentIdentity) {
        this(links, orchestrations, audit, clock, developmentIdentity, new UsedFormTokens());
    }

    /** @param usedForms form tokens already spent, shared by every endpoint of the process (it is built per invocation) */
    public ApprovalEndpoint(ApprovalLinks links, Orchestrations orchestrations, AuditLog audit, Clock clock,
                            Optional<Principal> developmentIdentity, UsedFormTokens usedForms) {
        this.usedForms = Objects.requireNonNull(usedForms, "usedForms");
        this.links = Objects.requireNonNull(links, "links");
        this.forms = FormTokens.of(links);
        this.orchestrations = Objects.requireNonNull(orchestrations, "orchestrations");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.developmentIdentity = Objects.requireNonNull(developmentIdentity, "developmentIdentity");
    }

    /** The signed-in person ({@link Principal#signedIn}). */
    public Optional<Principal> principal(Map<String, String> headers) {
        return Principal.signedIn(developmentIdentity, headers);
    }

    /** {@code GET}: the confirmation page. Raises nothing, writes nothing. */
    public Response get(String token, Map<String, String> headers) {
        return get(token, principal(headers).orElse(null));
    }

    /** {@code GET} for an already resolved principal ({@code null} when nobody is signed in). */
    public Response get(String token, Principal who) {
        Loaded loaded = load(token);
        if (loaded.refusal != null) {
            return loaded.refusal;
        }
        PromotionStatus s = loaded.status;
        if (who == null) {
            return ApprovalPage.cannotDecide(403, s, "Nobody is signed in. Open the link in a browser where you are signed in.");
        }
        ApprovalRules rules = ApprovalRules.of(s);
        Optional<ApprovalRules.Verdict> blocked = rules.refusalToDecide(who.name(), who.groups(), counted(s));
        if (blocked.isPresent()) {
            return cannotDecide(blocked.get(), s);
        }
        return ApprovalPage.confirmation(200, s, token, loaded.link.decision(), forms.issue(token, who.name()), who, null,
                !rules.isPusher(who.name()));
    }

    /** {@code POST} from the confirmation page. */
    public Response post(String token, Map<String, String> form, Map<String, String> headers, String source) {
        return post(token, form, principal(headers).orElse(null), source);
    }

    /** {@code POST} for an already resolved principal ({@code null} when nobody is signed in). */
    public Response post(String token, Map<String, String> form, Principal who, String source) {
        Loaded loaded = load(token);
        if (loaded.refusal != null) {
            return loaded.refusal;
        }
        PromotionStatus s = loaded.status;
        if (who == null) {
            return ApprovalPage.cannotDecide(403, s, "Nobody is signed in. Open the link in a browser where you are signed in.");
        }
        String formToken = form == null ? null : form.get(FORM_TOKEN_FIELD);
        LinkCheck.Refusal formProblem = forms.check(formToken, token, who.name());
        if (formProblem != null) {
            log(s, "refused", "form token " + formProblem.name().toLowerCase(Locale.ROOT));
            return formProblem == LinkCheck.Refusal.EXPIRED
                    ? ApprovalPage.refusal(410, "This page expired", "The form was open too long. Open the link again to decide.")
                    : ApprovalPage.refusal(403, "This form is not valid",
                    "The form was not issued to you for this link. Open the link again to decide.");
        }
        String decisionText = form.getOrDefault(DECISION_FIELD, "");
        Optional<Decision> posted = Decision.parse(decisionText);
        if (posted.isPresent() && posted.get() != loaded.link.decision()) {
            // The signed link names one decision; its page cannot be used to post the other.
            log(s, "refused", "decision does not match the link");
            return ApprovalPage.refusal(403, "This link cannot make that decision",
                    "This link was signed for " + loaded.link.decision().name().toLowerCase(Locale.ROOT)
                            + ". Open the other link in the message to decide otherwise.");
        }

        String reason = Optional.ofNullable(form.get(REASON_FIELD)).map(String::strip).filter(r -> !r.isEmpty())
                .map(r -> r.length() > MAX_REASON ? r.substring(0, MAX_REASON) : r).orElse(null);
        Optional<Decision> decision = Decision.parse(decisionText);
        List<DecisionEntry> counted = counted(s);
        ApprovalRules rules = ApprovalRules.of(s);
        ApprovalRules.Verdict verdict = rules.judge(who.name(), who.groups(), decision.orElse(null), reason, counted);
        if (!verdict.counted()) {
            auditQuietly(new AuditRecord(s.promotionId(), clock.instant().toString(), AuditKind.DECISION_REFUSED, who.name(),
                    "decision not counted: " + verdict.reason(),
                    fields("decision", decisionText, "refusal", verdict.refusal().name(), "source", source,
                            "digest", loaded.link.digest())));
            log(s, "refused", verdict.refusal().name());
            return verdict.refusal() == ApprovalRules.Refusal.INVALID
                    ? ApprovalPage.confirmation(400, s, token, decision.orElse(loaded.link.decision()),
                    forms.issue(token, who.name()), who, verdict.reason(), !rules.isPusher(who.name()))
                    : cannotDecide(verdict, s);
        }
        if (!usedForms.consume(formToken, clock.instant())) {
            log(s, "refused", "form token used before");
            return ApprovalPage.refusal(409, "This form was already sent",
                    "Each page can decide once. Open the link again to see where the promotion stands.");
        }
        String at = clock.instant().toString();
        DecisionEvent event = new DecisionEvent(who.name(), who.groups(), decision.orElseThrow(), reason, at, source,
                loaded.link.digest());
        try {
            orchestrations.raiseEvent(s.promotionId(), Orchestrators.APPROVAL_DECISION, event);
        } catch (RuntimeException e) {
            Log.of(ApprovalEndpoint.class).warning(LogLine.of("approval.store-unreachable").with("promotion", s.promotionId())
                    .with("reason", LogLine.problem(e)).toString());
            return storeUnreachable();
        }
        // After the event: a failed append must not lose a delivered decision (the orchestrator audits what it counts).
        auditQuietly(new AuditRecord(s.promotionId(), at, AuditKind.DECISION, who.name(),
                who.name() + " chose " + decisionText + " on the confirmation page",
                fields("decision", decisionText, "reason", reason, "source", source, "digest", loaded.link.digest())));
        log(s, decisionText, verdict.reason());
        return ApprovalPage.recorded(s, decision.orElseThrow(), verdict.reason());
    }

    /** The page for a decision that cannot be made: not an approver or the pusher (403), already decided or closed (409). */
    private static Response cannotDecide(ApprovalRules.Verdict verdict, PromotionStatus s) {
        int status = switch (verdict.refusal()) {
            case NOT_APPROVER, PUSHER, INVALID -> 403;
            case ALREADY_DECIDED, CLOSED -> 409;
        };
        return ApprovalPage.cannotDecide(status, s, verdict.reason());
    }

    private static Response storeUnreachable() {
        return ApprovalPage.refusal(503, "Please try again",
                "The promotion could not be read or updated just now. Nothing was decided; try again in a minute.");
    }

    /** The decisions in the status plus those this route recorded that the status does not show yet. */
    private List<DecisionEntry> counted(PromotionStatus s) {
        List<DecisionEntry> all = new ArrayList<>(s.decisions());
        try {
            for (AuditRecord r : audit.history(s.promotionId())) {
                if (r.kind() == AuditKind.DECISION && all.stream().noneMatch(d -> d.approver() != null && d.approver().equalsIgnoreCase(r.actor()))) {
                    all.add(new DecisionEntry(r.actor(), Decision.parse(r.fields().get("decision")).orElse(null), r.fields().get("reason"), r.at()));
                }
            }
        } catch (RuntimeException e) {
            // The orchestrator applies the same rules again; the status alone still guards the common case.
            Log.of(ApprovalEndpoint.class).log(Level.WARNING, LogLine.of("approval.audit-read-failed").with("promotion", s.promotionId())
                    .with("reason", LogLine.problem(e)).toString());
        }
        return all;
    }

    private Loaded load(String token) {
        LinkCheck check = links.verify(token);
        if (!check.isValid()) {
            Log.of(ApprovalEndpoint.class).info(LogLine.of("approval.link-refused").with("outcome", check.refusal().name()).toString());
            return Loaded.refused(ApprovalPage.refusal(check.refusal().httpStatus(), title(check.refusal()), check.detail()));
        }
        LinkToken link = check.token();
        Optional<InstanceView> view;
        try {
            view = orchestrations.get(link.instanceId());
        } catch (RuntimeException e) {
            Log.of(ApprovalEndpoint.class).warning(LogLine.of("approval.store-unreachable").with("promotion", link.instanceId())
                    .with("reason", LogLine.problem(e)).toString());
            return Loaded.refused(storeUnreachable());
        }
        if (view.isEmpty()) {
            return Loaded.refused(ApprovalPage.refusal(404, "Promotion not found",
                    "No promotion " + link.instanceId() + " exists (it may have been purged)."));
        }
        Optional<PromotionStatus> status = InstanceJson.read(view.get().instanceId(), view.get().customStatus(), PromotionStatus.class);
        if (status.isEmpty()) {
            return Loaded.refused(ApprovalPage.refusal(409, "Promotion not ready",
                    "Promotion " + link.instanceId() + " has no details yet. Try again in a minute."));
        }
        PromotionStatus s = status.get();
        LinkCheck bound = links.verify(token, s.promotionId(), ApprovalFacts.digest(s.image()));
        if (!bound.isValid()) {
            return Loaded.refused(ApprovalPage.refusal(bound.refusal().httpStatus(), title(bound.refusal()), bound.detail()));
        }
        Phase phase = s.phase();
        if (phase == null) {
            Log.of(ApprovalEndpoint.class).warning(LogLine.of("approval.refused").with("promotion", link.instanceId())
                    .with("reason", "the promotion's status has no phase").toString());
            return Loaded.refused(ApprovalPage.ended(409, s));
        }
        if (phase.isTerminal()) {
            return Loaded.refused(ApprovalPage.ended(410, s));
        }
        if (phase != Phase.AWAITING_APPROVAL || view.get().state().isFinished()) {
            return Loaded.refused(ApprovalPage.ended(409, s));
        }
        return new Loaded(link, s, null);
    }

    private static String title(LinkCheck.Refusal refusal) {
        return switch (refusal) {
            case MALFORMED -> "This is not a valid approval link";
            case TAMPERED -> "This approval link was changed";
            case WRONG_KEY -> "This approval link is no longer valid";
            case EXPIRED -> "This approval link has expired";
            case WRONG_INSTANCE -> "This approval link is for another promotion";
            case WRONG_DIGEST -> "This approval link is for another image";
        };
    }

    private void auditQuietly(AuditRecord record) {
        try {
            audit.append(record);
        } catch (RuntimeException e) {
            Log.of(ApprovalEndpoint.class).log(Level.SEVERE, LogLine.of("approval.audit-failed").with("promotion", record.promotionId())
                    .with("kind", record.kind()).with("reason", LogLine.problem(e)).toString());
        }
    }

    private static void log(PromotionStatus s, String outcome, String reason) {
        Log.of(ApprovalEndpoint.class).info(LogLine.of("approval.decision").with("promotion", s.promotionId()).with("target", s.target())
                .with("digest", ApprovalFacts.digest(s.image())).with("outcome", outcome).with("reason", reason).toString());
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                out.put(pairs[i], pairs[i + 1]);
            }
        }
        return out;
    }

    private record Loaded(LinkToken link, PromotionStatus status, Response refusal) {
        static Loaded refused(Response page) {
            return new Loaded(null, null, page);
        }
    }
}
