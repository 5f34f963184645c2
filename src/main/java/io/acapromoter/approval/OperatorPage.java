package io.acapromoter.approval;

import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.operations.RollbackTarget;
import io.acapromoter.operations.TargetFreeze;
import io.acapromoter.policy.RolloutWindows;
import io.acapromoter.policy.Target;

import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The operators' pages: the actions of one target (each a form with its own one-time token and a
 * required reason), and the answers to a POST. No script; the approval page's security headers.
 */
final class OperatorPage {

    private OperatorPage() {
    }

    /** One form's one-time token and the nonce it is bound to. */
    record Form(String token, String nonce) {
    }

    static Response actions(Target target, Principal who, OperatorEndpoint.State state,
                            BiFunction<OperatorEndpoint.Action, String, Form> formToken) {
        String name = target.name();
        StringBuilder b = new StringBuilder();
        b.append("<h1>Operator actions: ").append(Html.escape(name)).append("</h1>\n");
        b.append("<p>Signed in as <strong id=\"principal\">").append(Html.escape(who.name()))
                .append("</strong>. Every action needs a reason and is written to the audit trail.</p>\n");

        b.append("<h2>Freeze</h2>\n");
        Optional<TargetFreeze> freeze = state.freeze();
        if (freeze.isPresent()) {
            b.append("<p class=\"warnings\" id=\"frozen\">Frozen by ").append(Html.escape(freeze.get().by())).append(" since ")
                    .append(Html.escape(freeze.get().at())).append(": ").append(Html.escape(freeze.get().reason()))
                    .append(". Approved promotions wait; nothing new reaches production.</p>\n");
            form(b, name, OperatorEndpoint.Action.UNFREEZE, null, "Unfreeze", formToken);
        } else {
            b.append("<p id=\"not-frozen\">Not frozen: approved promotions roll out (within the rollout windows).</p>\n");
            form(b, name, OperatorEndpoint.Action.FREEZE, null, "Freeze", formToken);
        }

        b.append("<h2>Rollout windows</h2>\n<p id=\"windows\">")
                .append(Html.escape(target.rolloutWindows().map(RolloutWindows::describe).orElse("none: approved promotions roll out at any time")))
                .append("</p>\n");

        b.append("<h2>Roll back now</h2>\n");
        RollbackTarget.Plan rollback = state.rollback();
        if (rollback.target().isPresent()) {
            RollbackTarget back = rollback.target().get();
            b.append("<p id=\"rollback-to\">Production got <code>").append(Html.escape(back.current())).append("</code> from ")
                    .append(Html.escape(back.after())).append("; rolling back deploys what ran before: <code>")
                    .append(Html.escape(back.previous().toString()))
                    .append("</code> (a new revision, smoke-tested in staging, then all traffic; no approval, windows or freeze).</p>\n");
            form(b, name, OperatorEndpoint.Action.ROLLBACK, null, "Roll back now", formToken);
        } else {
            b.append("<p class=\"notice\" id=\"no-rollback\">").append(Html.escape(rollback.refusal())).append("</p>\n");
        }

        b.append("<h2>Promotions in flight</h2>\n");
        if (state.inFlight().isEmpty()) {
            b.append("<p id=\"none-in-flight\">None.</p>\n");
        }
        for (PromotionStatus s : state.inFlight()) {
            b.append("<section class=\"promotion\" id=\"").append(Html.escape(s.promotionId())).append("\">\n<h3>")
                    .append(Html.escape(s.promotionId())).append("</h3>\n<p>").append(Html.escape(String.valueOf(s.phase())))
                    .append(": ").append(Html.escape(s.detail())).append("</p>\n");
            if (OperatorEndpoint.rerunRefusal(s) == null) {
                form(b, name, OperatorEndpoint.Action.RERUN_SMOKE, s.promotionId(), "Re-run smoke tests", formToken);
            }
            if (OperatorEndpoint.cancelRefusal(s) == null) {
                form(b, name, OperatorEndpoint.Action.CANCEL, s.promotionId(), "Cancel promotion", formToken);
            }
            b.append("</section>\n");
        }
        return ApprovalPage.page(200, "Operator actions: " + name, b.toString());
    }

    private static void form(StringBuilder b, String target, OperatorEndpoint.Action action, String promotion, String label,
                             BiFunction<OperatorEndpoint.Action, String, Form> formToken) {
        Form issued = formToken.apply(action, promotion == null ? "" : promotion);
        String id = action.wire() + (promotion == null ? "" : "-" + promotion);
        b.append("<form method=\"post\" action=\"").append(Html.escape(OperatorEndpoint.ROUTE + target + "/actions/" + action.wire()))
                .append("\" id=\"form-").append(Html.escape(id)).append("\">\n")
                .append("<input type=\"hidden\" name=\"form_token\" value=\"")
                .append(Html.escape(issued.token())).append("\">\n")
                .append("<input type=\"hidden\" name=\"").append(OperatorEndpoint.NONCE_FIELD).append("\" value=\"")
                .append(Html.escape(issued.nonce())).append("\">\n");
        if (promotion != null) {
            b.append("<input type=\"hidden\" name=\"").append(OperatorEndpoint.PROMOTION_FIELD).append("\" value=\"")
                    .append(Html.escape(promotion)).append("\">\n");
        }
        b.append("<label for=\"reason-").append(Html.escape(id)).append("\">Reason</label>\n")
                .append("<textarea id=\"reason-").append(Html.escape(id))
                .append("\" name=\"reason\" maxlength=\"1000\" rows=\"2\" required></textarea>\n")
                .append("<div class=\"buttons\"><button type=\"submit\" id=\"submit-").append(Html.escape(id)).append("\">")
                .append(Html.escape(label)).append("</button></div>\n</form>\n");
    }

    static Response done(String target, OperatorEndpoint.Action action, String what) {
        String body = "<h1 id=\"outcome\">Done: " + Html.escape(action.wire()) + "</h1>\n<p class=\"notice\" role=\"status\" id=\"outcome-detail\">"
                + Html.escape(what) + "</p>\n<p><a href=\"" + Html.escape(OperatorEndpoint.ROUTE + target + "/actions")
                + "\">Back to the actions of " + Html.escape(target) + "</a> · <a data-board href=\""
                + Html.escape(OperatorEndpoint.ROUTE + target + "?format=html") + "\">" + Html.escape(target) + " on the board</a></p>\n";
        return ApprovalPage.page(200, "Operator action: " + target, body);
    }

    static Response refusal(int status, String title, String reason) {
        String body = "<h1>" + Html.escape(title) + "</h1>\n<p class=\"refused\" role=\"alert\" id=\"problem\">"
                + Html.escape(reason) + "</p>\n";
        return ApprovalPage.page(status, title, body);
    }
}
