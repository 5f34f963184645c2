package io.acapromoter.approval;

import io.acapromoter.domain.Decision;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.domain.PromotionStatus.DecisionEntry;
import io.acapromoter.domain.PromotionStatus.ProbeOutcome;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server-side HTML of the approval routes: the confirmation page, the outcome page and the
 * refusal pages. No script anywhere (the CSP forbids it), nothing submits itself, every value is
 * HTML-escaped, and the layout works on a phone.
 */
final class ApprovalPage {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:1rem;line-height:1.5;color:#1b1b1b;background:#fafafa}
            main{max-width:44rem;margin:0 auto}
            h1{font-size:1.5rem;margin:.5rem 0 1rem}
            dl{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.25rem 1rem;margin:0 0 1rem}
            dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
            dd[data-fact=digest],dd[data-fact=production],dd[data-fact=rebuildOf]{font-family:ui-monospace,Menlo,Consolas,monospace}
            table{border-collapse:collapse;width:100%;margin-bottom:1rem}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #ddd;overflow-wrap:anywhere}
            .warnings{background:#fff4ce;border:1px solid #c19c00;padding:.5rem 1rem 0.5rem 2rem}
            .notice{background:#e8f1fb;border:1px solid #0f6cbd;padding:.75rem 1rem}
            .refused{background:#fde7e9;border:1px solid #c50f1f;padding:.75rem 1rem}
            label{display:block;font-weight:600;margin:.5rem 0 .25rem}
            textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;min-height:5rem}
            .buttons{display:flex;flex-wrap:wrap;gap:1rem;margin-top:1rem}
            button{font:inherit;font-size:1.125rem;min-height:3rem;min-width:9rem;padding:.5rem 1.5rem;border-radius:.375rem;border:2px solid #333;cursor:pointer}
            button.approve{background:#107c10;color:#fff;border-color:#0b5a0b}button.reject{background:#fff;color:#a4262c;border-color:#a4262c}
            button.offered{outline:3px solid #0f6cbd;outline-offset:2px}
            @media (max-width:30rem){dl{grid-template-columns:1fr}button{width:100%}}
            """;
    private static final String STYLE_HASH = sha256(STYLE);

    /** The security headers of every approval page. */
    static final Map<String, String> HEADERS = headers();

    private ApprovalPage() {
    }

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "text/html; charset=utf-8");
        h.put("Content-Security-Policy", "default-src 'none'; style-src 'sha256-" + STYLE_HASH
                + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Cache-Control", "no-store");
        h.put("X-Content-Type-Options", "nosniff");
        return h;
    }

    /** The page a link opens: facts, and the form when {@code formToken} is given. */
    static Response confirmation(int status, PromotionStatus s, String linkToken, Decision offered, String formToken,
                                 Principal who, String problem, boolean canApprove) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>Approve production rollout of ").append(Html.escape(s.target())).append("?</h1>\n");
        if (problem != null) {
            b.append("<p class=\"refused\" role=\"alert\" id=\"problem\">").append(Html.escape(problem)).append("</p>\n");
        }
        details(b, s);
        if (formToken != null) {
            b.append("<form method=\"post\" action=\"").append(Html.escape(linkToken)).append("\">\n")
                    .append("<p>Signed in as <strong id=\"principal\">").append(Html.escape(who.name())).append("</strong>.</p>\n")
                    .append(canApprove ? "" : "<p class=\"notice\" id=\"pusher\">You pushed this image: you can reject it, "
                            + "but someone else has to approve it.</p>\n")
                    .append("<input type=\"hidden\" name=\"form_token\" value=\"").append(Html.escape(formToken)).append("\">\n")
                    .append("<label for=\"reason\">Reason (required to reject)</label>\n")
                    .append("<textarea id=\"reason\" name=\"reason\" maxlength=\"1000\" rows=\"3\"></textarea>\n")
                    .append("<div class=\"buttons\">\n")
                    // The link is signed for one decision and the POST is held to it: only that button.
                    .append(offered == Decision.APPROVE && canApprove ? button(Decision.APPROVE, "Approve", offered) : "")
                    .append(offered == Decision.REJECT ? button(Decision.REJECT, "Reject", offered) : "")
                    .append("</div>\n</form>\n");
        }
        return page(status, "Approval: " + s.target(), b.toString());
    }

    private static String button(Decision d, String label, Decision offered) {
        return "<button type=\"submit\" id=\"" + d.wire() + "\" name=\"decision\" value=\"" + d.wire() + "\" class=\""
                + d.wire() + (d == offered ? " offered" : "") + "\">" + label + "</button>\n";
    }

    /** The facts of the promotion without a form, with why the person cannot decide. */
    static Response cannotDecide(int status, PromotionStatus s, String why) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>You cannot decide on this promotion</h1>\n");
        b.append("<p class=\"refused\" role=\"alert\" id=\"problem\">").append(Html.escape(why)).append("</p>\n");
        details(b, s);
        return page(status, "Approval: " + s.target(), b.toString());
    }

    /** After a counted decision. */
    static Response recorded(PromotionStatus s, Decision decision, String outcome) {
        StringBuilder b = new StringBuilder();
        b.append("<h1 id=\"outcome\">").append(decision == Decision.APPROVE ? "Approval recorded" : "Rejection recorded")
                .append("</h1>\n");
        b.append("<p class=\"notice\" role=\"status\" id=\"outcome-detail\">").append(Html.escape(outcome)).append("</p>\n");
        b.append("<p>").append(Html.escape(s.target())).append(": ").append(Html.escape(s.image())).append("</p>\n");
        b.append("<p>You can close this page.</p>\n");
        return page(200, "Decision recorded: " + s.target(), b.toString());
    }

    /** A promotion that no longer waits for decisions: how it ended, or where it stands. */
    static Response ended(int status, PromotionStatus s) {
        StringBuilder b = new StringBuilder();
        b.append("<h1 id=\"outcome\">").append(Html.escape(headline(s))).append("</h1>\n");
        if (s.detail() != null) {
            b.append("<p class=\"notice\" id=\"outcome-detail\">").append(Html.escape(s.detail())).append("</p>\n");
        }
        details(b, s);
        return page(status, "Promotion of " + s.target(), b.toString());
    }

    /** A link or request this app refuses, with the reason. */
    static Response refusal(int status, String title, String reason) {
        String body = "<h1>" + Html.escape(title) + "</h1>\n<p class=\"refused\" role=\"alert\" id=\"problem\">"
                + Html.escape(reason) + "</p>\n<p>If you expected to decide on a promotion, ask for a new link.</p>\n";
        return page(status, title, body);
    }

    static String headline(PromotionStatus s) {
        String phase = s.phase() == null ? "" : s.phase().name();
        return switch (phase) {
            // Without an approval it was an operator's rollback (or production already ran the image).
            case "SUCCEEDED" -> s.decisions().stream().anyMatch(d -> d.decision() == io.acapromoter.domain.Decision.APPROVE)
                    ? "This promotion was approved and rolled out to production"
                    : "This promotion succeeded without an approval: production runs its image";
            case "REJECTED" -> "This promotion was rejected";
            case "EXPIRED" -> "This promotion expired: nobody decided before the deadline";
            case "SUPERSEDED" -> "This promotion was superseded by a newer image";
            case "FAILED" -> "This promotion failed";
            case "ERRORED" -> "This promotion stopped on a technical fault";
            case "ROLLED_BACK" -> "This promotion was rolled back";
            case "CANCELLED" -> "This promotion was cancelled by an operator";
            case "ROLLING_OUT", "MONITORING" -> "This promotion was approved and is rolling out";
            case "PENDING", "VERIFYING", "STAGING", "SMOKE_TESTING" -> "This promotion is not waiting for approval yet";
            default -> "This promotion is " + phase.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    private static void details(StringBuilder b, PromotionStatus s) {
        if (!s.warnings().isEmpty()) {
            b.append("<section aria-label=\"Warnings\"><ul class=\"warnings\" id=\"warnings\">\n");
            for (String w : s.warnings()) {
                b.append("<li>").append(Html.escape(w)).append("</li>\n");
            }
            b.append("</ul></section>\n");
        }
        b.append("<dl id=\"facts\">\n");
        for (Fact f : ApprovalFacts.of(s)) {
            b.append("<dt>").append(Html.escape(f.label())).append("</dt><dd data-fact=\"").append(f.key()).append("\">");
            if ("staging".equals(f.key()) && f.value().startsWith("https://") && f.value().equals(s.stagingUrl())) {
                // Approvers check staging themselves; no-referrer keeps the approval link out of its logs.
                b.append("<a href=\"").append(Html.escape(f.value())).append("\" rel=\"noopener noreferrer\">")
                        .append(Html.escape(f.value())).append("</a>");
            } else {
                b.append(Html.escape(f.value()));
            }
            b.append("</dd>\n");
        }
        b.append("</dl>\n");
        if (!s.smoke().isEmpty()) {
            b.append("<h2>Smoke tests on staging</h2>\n<table id=\"smoke\"><thead><tr><th scope=\"col\">Probe</th>"
                    + "<th scope=\"col\">Result</th><th scope=\"col\">HTTP</th><th scope=\"col\">Latency</th></tr></thead><tbody>\n");
            for (ProbeOutcome p : s.smoke()) {
                b.append("<tr><td>").append(Html.escape(p.probe())).append("</td><td>")
                        .append(p.passed() ? "passed" : "FAILED" + (p.failure() == null ? "" : ": " + Html.escape(p.failure())))
                        .append("</td><td>").append(p.status()).append("</td><td>").append(p.latencyMs()).append(" ms</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("<h2>Decisions so far</h2>\n");
        List<DecisionEntry> decisions = s.decisions();
        if (decisions.isEmpty()) {
            b.append("<p id=\"decisions\">None yet.</p>\n");
        } else {
            b.append("<ul id=\"decisions\">\n");
            for (DecisionEntry d : decisions) {
                b.append("<li>").append(Html.escape(ApprovalFacts.decisionLine(d))).append("</li>\n");
            }
            b.append("</ul>\n");
        }
    }

    static Response page(int status, String title, String content) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"robots\" content=\"noindex\">\n"
                + "<title>" + Html.escape(title) + "</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n<main>\n"
                + content + "</main>\n</body>\n</html>\n";
        return new Response(status, HEADERS, html);
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
