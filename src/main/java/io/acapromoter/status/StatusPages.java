package io.acapromoter.status;

import io.acapromoter.domain.PromotionStatus;

import java.util.List;

import static io.acapromoter.approval.Html.escape;

/** Plain, readable HTML for people; the same data as the JSON. Every value is escaped. */
public final class StatusPages {

    private StatusPages() {
    }

    public static String list(List<PromotionView> views) {
        return list(views, java.util.Optional.empty());
    }

    /** The list, with {@code note} above it (e.g. that not every promotion was searched). */
    public static String list(List<PromotionView> views, java.util.Optional<String> note) {
        StringBuilder rows = new StringBuilder();
        for (PromotionView v : views) {
            PromotionStatus p = v.promotion();
            rows.append("<tr><td><a href=\"promotions/").append(escape(v.id())).append("?format=html\">")
                    .append(escape(p.target())).append("</a></td><td><code>").append(escape(p.image()))
                    .append("</code></td><td><strong>").append(escape(String.valueOf(p.phase()))).append("</strong></td><td>")
                    .append(escape(p.detail())).append("</td><td>").append(escape(v.lastUpdatedAt())).append("</td></tr>\n");
        }
        return page("Promotions", "<h1>Promotions</h1>\n" + note.map(n -> "<p><strong>" + escape(n) + "</strong></p>\n").orElse("") + "<table>\n<thead><tr><th>Target</th><th>Image</th><th>Phase</th>"
                + "<th>Detail</th><th>Updated</th></tr></thead>\n<tbody>\n" + rows + "</tbody></table>"
                + (views.isEmpty() ? "<p>No promotions.</p>" : ""));
    }

    public static String detail(PromotionView v) {
        PromotionStatus p = v.promotion();
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(escape(p.target())).append(": ").append(escape(String.valueOf(p.phase()))).append("</h1>\n")
                .append("<p>").append(escape(p.detail())).append("</p>\n<dl>\n");
        fact(body, "Promotion", v.id());
        fact(body, "Image", p.image());
        fact(body, "Tag", p.tag());
        fact(body, "Pushed by", p.pushedBy());
        fact(body, "Pushed at", p.pushedAt());
        fact(body, "Production ran", p.productionImage());
        fact(body, "Staging revision", p.stagingRevision());
        fact(body, "Staging URL", p.stagingUrl());
        fact(body, "Approval deadline", p.deadline());
        fact(body, "Rebuild of", p.rebuildOf());
        fact(body, "Fixes", p.fixes().isEmpty() ? null : String.join(", ", p.fixes()));
        fact(body, "Orchestration", v.runtimeState() + (v.failure() == null ? "" : " (" + v.failure() + ")"));
        body.append("</dl>\n");
        if (!p.warnings().isEmpty()) {
            body.append("<h2>Warnings</h2><ul>");
            p.warnings().forEach(w -> body.append("<li>").append(escape(w)).append("</li>"));
            body.append("</ul>\n");
        }
        body.append("<h2>Timeline</h2><table><thead><tr><th>At</th><th>Phase</th><th>Detail</th></tr></thead><tbody>\n");
        p.timeline().forEach(t -> body.append("<tr><td>").append(escape(t.at())).append("</td><td>").append(escape(String.valueOf(t.phase())))
                .append("</td><td>").append(escape(t.detail())).append("</td></tr>\n"));
        body.append("</tbody></table>\n<h2>Smoke tests</h2>");
        if (p.smoke().isEmpty()) {
            body.append("<p>None run.</p>");
        } else {
            body.append("<table><thead><tr><th>Probe</th><th>Result</th><th>Status</th><th>Latency</th><th>Attempts</th>"
                    + "<th>Why</th></tr></thead><tbody>\n");
            p.smoke().forEach(s -> body.append("<tr><td>").append(escape(s.probe())).append("</td><td>")
                    .append(s.passed() ? "passed" : "FAILED").append("</td><td>").append(s.status()).append("</td><td>")
                    .append(s.latencyMs()).append(" ms</td><td>").append(s.attempts()).append("</td><td>")
                    .append(escape(s.failure())).append("</td></tr>\n"));
            body.append("</tbody></table>");
        }
        body.append("\n<h2>Decisions</h2>");
        if (p.decisions().isEmpty()) {
            body.append("<p>None yet (").append(p.approvalsRequired()).append(" needed).</p>");
        } else {
            body.append("<ul>");
            p.decisions().forEach(d -> body.append("<li>").append(escape(d.approver())).append(": ")
                    .append(escape(String.valueOf(d.decision()))).append(" at ").append(escape(d.at()))
                    .append(d.reason() == null || d.reason().isBlank() ? "" : " — " + escape(d.reason())).append("</li>"));
            body.append("</ul>");
        }
        return page(p.target() + " " + p.phase(), body + "\n<p><a href=\"../promotions?format=html\">All promotions</a></p>");
    }

    static void fact(StringBuilder out, String name, String value) {
        if (value != null && !value.isBlank()) {
            out.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
        }
    }

    static String page(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " — ACA Promoter</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:1rem;max-width:70rem}table{border-collapse:collapse;width:100%}"
                + "th,td{border-bottom:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}"
                + "code{word-break:break-all}dt{font-weight:bold}dd{margin:0 0 .5rem 0;word-break:break-all}"
                + "</style></head><body>\n" + body + "\n</body></html>\n";
    }
}
