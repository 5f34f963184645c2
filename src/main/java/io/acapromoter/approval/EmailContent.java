package io.acapromoter.approval;

import io.acapromoter.ports.OutgoingEmail;
import io.acapromoter.domain.PromotionStatus;

/** The approval and outcome e-mails, as HTML (every value escaped) and plain text. */
final class EmailContent {

    private EmailContent() {
    }

    static OutgoingEmail approvalRequest(String from, String to, PromotionStatus s, ApprovalLinks.Pair links,
                                         boolean reminder) {
        String subject = line((reminder ? "Reminder: approve " : "Approve ") + s.target() + " "
                + ApprovalFacts.repository(s.image()) + (s.tag() == null ? "" : ":" + s.tag()) + " for production?");
        StringBuilder html = new StringBuilder();
        StringBuilder text = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif\">")
                .append("<h1 style=\"font-size:20px\">").append(Html.escape(subject)).append("</h1>")
                .append("<p>Opening a link shows the confirmation page; nothing is decided until you confirm there.</p>");
        text.append(subject).append("\n\n")
                .append("Opening a link shows the confirmation page; nothing is decided until you confirm there.\n\n");
        facts(s, html, text);
        html.append("<p><a href=\"").append(Html.escape(links.approve().toString()))
                .append("\" style=\"display:inline-block;padding:12px 20px;background:#107c10;color:#ffffff;text-decoration:none\">Review and approve</a> ")
                .append("<a href=\"").append(Html.escape(links.reject().toString()))
                .append("\" style=\"display:inline-block;padding:12px 20px;border:2px solid #a4262c;color:#a4262c;text-decoration:none\">Review and reject</a></p>")
                .append("</body></html>");
        text.append("\nReview and approve: ").append(links.approve())
                .append("\nReview and reject: ").append(links.reject()).append('\n');
        return new OutgoingEmail(from, to, subject, html.toString(), text.toString());
    }

    static OutgoingEmail outcome(String from, String to, PromotionStatus s, java.net.URI promotionPage) {
        String subject = line(ApprovalPage.headline(s) + " (" + s.target() + ")");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif\">");
        StringBuilder text = new StringBuilder(subject).append("\n\n");
        html.append("<h1 style=\"font-size:20px\">").append(Html.escape(subject)).append("</h1>");
        if (s.detail() != null) {
            html.append("<p>").append(Html.escape(s.detail())).append("</p>");
            text.append(line(s.detail())).append("\n\n");
        }
        facts(s, html, text);
        html.append("<p><a href=\"").append(Html.escape(promotionPage.toString())).append("\">Open the promotion</a></p>");
        text.append("\nOpen the promotion: ").append(promotionPage).append('\n');
        html.append("</body></html>");
        return new OutgoingEmail(from, to, subject, html.toString(), text.toString());
    }

    /** One line of plain text: a value cannot start a line of its own (e.g. a fake link line). */
    static String line(String value) {
        return value == null ? "" : value.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
    }

    private static void facts(PromotionStatus s, StringBuilder html, StringBuilder text) {
        for (String w : s.warnings()) {
            html.append("<p style=\"background:#fff4ce;padding:8px\">Warning: ").append(Html.escape(w)).append("</p>");
            text.append("Warning: ").append(line(w)).append('\n');
        }
        html.append("<table role=\"presentation\" style=\"border-collapse:collapse\">");
        for (Fact f : ApprovalFacts.of(s)) {
            html.append("<tr><th style=\"text-align:left;padding:4px 12px 4px 0;vertical-align:top\">")
                    .append(Html.escape(f.label())).append("</th><td style=\"padding:4px 0\">")
                    .append(Html.escape(f.value())).append("</td></tr>");
            text.append(f.label()).append(": ").append(line(f.value())).append('\n');
        }
        html.append("</table>");
        for (PromotionStatus.DecisionEntry d : s.decisions()) {
            html.append("<p>").append(Html.escape(ApprovalFacts.decisionLine(d))).append("</p>");
            text.append("Decision: ").append(line(ApprovalFacts.decisionLine(d))).append('\n');
        }
    }
}
