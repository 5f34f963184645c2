package io.acapromoter.status;

import io.acapromoter.approval.ApprovalLinks;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.ports.AuditKind;
import io.acapromoter.ports.AuditRecord;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import static io.acapromoter.approval.Html.escape;

/**
 * One promotion for people: its facts, the whole timeline with how long each phase took, smoke results,
 * decisions (who, when, why, also the refused ones), what it changed in Azure, its audit trail, and the
 * approval page's links while it waits for a decision. Every value is escaped.
 */
final class PromotionPage {

    private PromotionPage() {
    }

    /**
     * @param trail the promotion's audit trail, oldest first (empty when it could not be read: {@code trailProblem} says why)
     * @param links the approve and reject links while the promotion awaits approval
     */
    static String render(PromotionView v, List<AuditRecord> trail, String trailProblem, Optional<ApprovalLinks.Pair> links,
                         Instant now) {
        PromotionStatus p = v.promotion();
        StringBuilder body = new StringBuilder();
        body.append("<p class=\"muted\"><a href=\"../board?format=html\">Board</a> · <a href=\"../promotions?format=html\">"
                + "All promotions</a></p>\n<h1>").append(escape(p.target())).append(": <span data-phase>")
                .append(escape(String.valueOf(p.phase()))).append("</span></h1>\n<p data-detail>").append(escape(p.detail()))
                .append("</p>\n");
        links.ifPresent(l -> body.append("<p data-approval-links>Waiting for a decision until <time>").append(escape(p.deadline()))
                .append("</time>: open the approval page to <a data-approve href=\"").append(escape(l.approve().toString()))
                .append("\">approve</a> or <a data-reject href=\"").append(escape(l.reject().toString()))
                .append("\">reject</a> (you sign in there; only the target's approvers may decide).</p>\n"));
        body.append("<dl>\n");
        StatusPages.fact(body, "Promotion", v.id());
        StatusPages.fact(body, "Image", p.image());
        StatusPages.fact(body, "Tag", p.tag());
        StatusPages.fact(body, "Pushed by", p.pushedBy());
        StatusPages.fact(body, "Pushed at", p.pushedAt());
        StatusPages.fact(body, "Production ran", p.productionImage());
        StatusPages.fact(body, "Staging revision", p.stagingRevision());
        StatusPages.fact(body, "Staging URL", p.stagingUrl());
        StatusPages.fact(body, "Approval deadline", p.deadline());
        StatusPages.fact(body, "Rebuild of", p.rebuildOf());
        StatusPages.fact(body, "Fixes", p.fixes().isEmpty() ? null : String.join(", ", p.fixes()));
        StatusPages.fact(body, "Vulnerability scan", p.vulnerabilityScan());
        StatusPages.fact(body, "Verified", p.verification().isEmpty() ? null : String.join("; ", p.verification()));
        StatusPages.fact(body, "Orchestration", v.runtimeState() + (v.failure() == null ? "" : " (" + v.failure() + ")"));
        if (!p.timeline().isEmpty()) {
            String first = p.timeline().get(0).at();
            String last = p.phase() != null && p.phase().isTerminal() ? p.timeline().get(p.timeline().size() - 1).at() : now.toString();
            StatusPages.fact(body, p.phase() != null && p.phase().isTerminal() ? "Took" : "Running for", between(first, last));
        }
        body.append("</dl>\n");
        if (!p.warnings().isEmpty()) {
            body.append("<h2>Warnings</h2><ul data-warnings>");
            p.warnings().forEach(w -> body.append("<li>").append(escape(w)).append("</li>"));
            body.append("</ul>\n");
        }
        timeline(p, now, body);
        smoke(p, body);
        decisions(p, trail, body);
        changes(trail, body);
        trail(trail, trailProblem, body);
        return StatusPages.page(p.target() + " " + p.phase(), body.toString());
    }

    private static void timeline(PromotionStatus p, Instant now, StringBuilder body) {
        body.append("<h2>Timeline</h2><table data-timeline><thead><tr><th>At</th><th>Phase</th><th>Took</th><th>Detail</th></tr>"
                + "</thead><tbody>\n");
        List<PromotionStatus.TimelineEntry> entries = p.timeline();
        for (int i = 0; i < entries.size(); i++) {
            PromotionStatus.TimelineEntry t = entries.get(i);
            String took;
            if (i + 1 < entries.size()) {
                took = between(t.at(), entries.get(i + 1).at());
            } else {
                took = t.phase() != null && t.phase().isTerminal() ? "" : between(t.at(), now.toString()) + " so far";
            }
            body.append("<tr><td>").append(escape(t.at())).append("</td><td>").append(escape(String.valueOf(t.phase())))
                    .append("</td><td data-took>").append(escape(took)).append("</td><td>").append(escape(t.detail()))
                    .append("</td></tr>\n");
        }
        body.append("</tbody></table>\n");
    }

    private static void smoke(PromotionStatus p, StringBuilder body) {
        body.append("<h2>Smoke tests</h2>");
        if (p.smoke().isEmpty()) {
            body.append("<p>None run.</p>\n");
            return;
        }
        body.append("<table data-smoke><thead><tr><th>Probe</th><th>URL</th><th>Result</th><th>Status</th><th>Latency</th>"
                + "<th>Attempts</th><th>Why</th></tr></thead><tbody>\n");
        p.smoke().forEach(s -> body.append("<tr><td>").append(escape(s.probe())).append("</td><td>").append(escape(s.url()))
                .append("</td><td>").append(s.passed() ? "passed" : "FAILED").append("</td><td>").append(s.status())
                .append("</td><td>").append(s.latencyMs()).append(" ms</td><td>").append(s.attempts()).append("</td><td>")
                .append(escape(s.failure())).append("</td></tr>\n"));
        body.append("</tbody></table>\n");
    }

    private static void decisions(PromotionStatus p, List<AuditRecord> trail, StringBuilder body) {
        body.append("<h2>Decisions</h2>");
        List<AuditRecord> refused = trail.stream().filter(r -> r.kind() == AuditKind.DECISION_REFUSED).toList();
        if (p.decisions().isEmpty() && refused.isEmpty()) {
            body.append("<p>None yet (").append(p.approvalsRequired()).append(" needed").append(p.approvers().isEmpty() ? ""
                    : " from " + escape(String.join(", ", p.approvers()))).append(").</p>\n");
            return;
        }
        body.append("<table data-decisions><thead><tr><th>When</th><th>Who</th><th>Decision</th><th>Why</th></tr></thead><tbody>\n");
        p.decisions().forEach(d -> body.append("<tr><td>").append(escape(d.at())).append("</td><td>").append(escape(d.approver()))
                .append("</td><td>").append(escape(String.valueOf(d.decision()).toLowerCase(java.util.Locale.ROOT))).append("</td><td>").append(escape(d.reason())).append("</td></tr>\n"));
        refused.forEach(r -> body.append("<tr><td>").append(escape(r.at())).append("</td><td>").append(escape(r.actor()))
                .append("</td><td>refused</td><td>").append(escape(r.detail())).append("</td></tr>\n"));
        body.append("</tbody></table>\n");
    }

    private static void changes(List<AuditRecord> trail, StringBuilder body) {
        List<AuditRecord> changes = trail.stream().filter(r -> r.kind() == AuditKind.AZURE_CHANGE).toList();
        body.append("<h2>Changes in Azure</h2>");
        if (changes.isEmpty()) {
            body.append("<p>None recorded.</p>\n");
            return;
        }
        body.append("<table data-changes><thead><tr><th>At</th><th>What</th><th>Revision</th><th>ARM operation</th><th>Result</th>"
                + "</tr></thead><tbody>\n");
        changes.forEach(c -> body.append("<tr><td>").append(escape(c.at())).append("</td><td>").append(escape(c.fields().get("action")))
                .append("</td><td>").append(escape(c.fields().get("revision"))).append("</td><td><code>")
                .append(escape(c.fields().get("operation"))).append("</code></td><td>").append(escape(c.detail())).append("</td></tr>\n"));
        body.append("</tbody></table>\n");
    }

    private static void trail(List<AuditRecord> trail, String problem, StringBuilder body) {
        body.append("<h2>Audit trail</h2>");
        if (problem != null) {
            body.append("<p class=\"warn\" data-trail-problem>").append(escape(problem)).append("</p>\n");
            return;
        }
        if (trail.isEmpty()) {
            body.append("<p>Nothing recorded yet.</p>\n");
            return;
        }
        body.append("<table data-trail><thead><tr><th>At</th><th>Kind</th><th>Who</th><th>What</th></tr></thead><tbody>\n");
        trail.forEach(r -> body.append("<tr><td>").append(escape(r.at())).append("</td><td>").append(escape(r.kind().wire()))
                .append("</td><td>").append(escape(r.actor())).append("</td><td>").append(escape(r.detail())).append("</td></tr>\n"));
        body.append("</tbody></table>\n");
    }

    /** The time between two ISO-8601 instants for people, or empty when either is unreadable. */
    static String between(String from, String to) {
        try {
            return BoardPage.human(Duration.between(Instant.parse(from), Instant.parse(to)));
        } catch (DateTimeParseException | NullPointerException e) {
            return "";
        }
    }
}
