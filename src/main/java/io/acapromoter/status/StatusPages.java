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

    static void fact(StringBuilder out, String name, String value) {
        if (value != null && !value.isBlank()) {
            out.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
        }
    }

    static String page(String title, String body) {
        return page(title, body, 0, "");
    }

    /**
     * The page frame: {@code refreshSeconds} above 0 makes the browser reload it (a meta refresh: no script);
     * {@code style} is added to the shared styles.
     */
    static String page(String title, String body, int refreshSeconds, String style) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + (refreshSeconds > 0 ? "<meta http-equiv=\"refresh\" content=\"" + refreshSeconds + "\">" : "")
                + "<title>" + escape(title) + " — ACA Promoter</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:1rem;max-width:70rem}table{border-collapse:collapse;width:100%}"
                + "th,td{border-bottom:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}"
                + "code{word-break:break-all}dt{font-weight:bold}dd{margin:0 0 .5rem 0;word-break:break-all}"
                + style + "</style></head><body>\n" + body + "\n</body></html>\n";
    }
}
