package io.acapromoter.approval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.domain.PromotionStatus;

import java.net.URI;
import java.util.List;

/**
 * The Adaptive Card (version 1.4) posted to a Teams Workflows webhook ("post to a channel when a
 * webhook request is received"), wrapped as that trigger expects:
 * {@code {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{…}}]}}.
 * Buttons are {@code Action.OpenUrl} links to the confirmation page: opening one decides nothing.
 * Text values come from registries and people, so {@link #plain(String)} neutralises the Markdown
 * subset Teams renders in {@code TextBlock} and {@code FactSet} and the card's own
 * {@code {{DATE()}}}/{@code ${…}} syntax.
 */
public final class TeamsCard {

    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Characters with a Markdown meaning anywhere in a Teams card text. */
    private static final String INLINE_MARKDOWN = "\\`*_~[]()<>!|#";

    private TeamsCard() {
    }

    /** A request (or reminder) to decide, with links to the confirmation page. */
    public static String approvalRequest(PromotionStatus s, ApprovalLinks.Pair links, boolean reminder) {
        String title = (reminder ? "Reminder: approval needed" : "Approval needed") + " for " + s.target();
        ArrayNode actions = JSON.createArrayNode();
        actions.add(openUrl("Review and approve", links.approve()));
        actions.add(openUrl("Review and reject", links.reject()));
        return message(card(title, "Opening a button shows the confirmation page; nothing is decided until you confirm there.",
                ApprovalFacts.of(s), s.warnings(), actions));
    }

    /** How a promotion ended, for the channel. */
    public static String outcome(PromotionStatus s, java.net.URI promotionPage) {
        String text = s.detail() == null ? "" : s.detail();
        ArrayNode actions = JSON.createArrayNode();
        actions.add(openUrl("Open the promotion", promotionPage));
        return message(card(ApprovalPage.headline(s) + " (" + s.target() + ")", text, ApprovalFacts.of(s), s.warnings(),
                actions));
    }

    private static ObjectNode card(String title, String subtitle, List<Fact> facts, List<String> warnings, ArrayNode actions) {
        ObjectNode card = JSON.createObjectNode();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", plain(title)).put("weight", "Bolder")
                .put("size", "Medium").put("wrap", true);
        if (!subtitle.isBlank()) {
            body.addObject().put("type", "TextBlock").put("text", plain(subtitle)).put("wrap", true).put("isSubtle", true);
        }
        for (String w : warnings) {
            body.addObject().put("type", "TextBlock").put("text", plain("Warning: " + w)).put("wrap", true)
                    .put("color", "Warning");
        }
        ArrayNode factSet = body.addObject().put("type", "FactSet").putArray("facts");
        for (Fact f : facts) {
            factSet.addObject().put("title", plain(f.label())).put("value", plain(f.value()));
        }
        if (!actions.isEmpty()) {
            card.set("actions", actions);
        }
        card.putObject("msteams").put("width", "Full");
        return card;
    }

    private static ObjectNode openUrl(String title, URI url) {
        return JSON.createObjectNode().put("type", "Action.OpenUrl").put("title", title).put("url", url.toString());
    }

    private static String message(ObjectNode card) {
        ObjectNode message = JSON.createObjectNode();
        message.put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", CONTENT_TYPE);
        attachment.putNull("contentUrl");
        attachment.set("content", card);
        return message.toString();
    }

    /**
     * Text that Teams shows as typed: control characters become spaces (no new block can start),
     * Markdown punctuation is backslash-escaped, a leading list marker is escaped, and the card's
     * {@code {{…}}} functions and {@code ${…}} template expressions are broken with a zero-width space.
     */
    static String plain(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
        StringBuilder out = new StringBuilder(flat.length() + 8);
        for (int i = 0; i < flat.length(); i++) {
            char c = flat.charAt(i);
            if (INLINE_MARKDOWN.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if ((c == '-' || c == '+') && out.isEmpty()) {
                out.append('\\').append(c);
            } else if (c == '{' && i + 1 < flat.length() && flat.charAt(i + 1) == '{') {
                out.append("{\u200B");
            } else if (c == '$' && i + 1 < flat.length() && flat.charAt(i + 1) == '{') {
                out.append("$\u200B");
            } else {
                out.append(c);
            }
        }
        // "1. text" at the start would become a numbered list.
        return out.toString().replaceFirst("^(\\d+)\\.", "$1\\\\.");
    }
}
