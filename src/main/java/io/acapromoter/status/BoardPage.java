package io.acapromoter.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.acapromoter.approval.Html.escape;

/**
 * The board as HTML: server-rendered, no script, reloading itself with a meta refresh. Each target is
 * drawn by a list of {@link Section}s in order, so a feature adds what it shows (a form, a banner) as
 * one more section instead of editing the others. Every value is escaped. Elements carry
 * {@code data-*} attributes naming what they show, for people's tools and the browser tests.
 */
public final class BoardPage {

    /** Draws one part of a target's card. */
    @FunctionalInterface
    public interface Section {
        /**
         * @param root the relative path from the page to {@code /api/} ({@code ""} or {@code "../"}), for links
         */
        void render(TargetBoard target, String root, StringBuilder out);
    }

    /** How often the page reloads itself. */
    public static final int REFRESH_SECONDS = 15;

    /** The sections every board has, in order. */
    public static final List<Section> STANDARD = List.of(BoardPage::notices, BoardPage::production, BoardPage::candidates,
            BoardPage::rebuilds, BoardPage::outcomes, BoardPage::history, BoardPage::actions);

    static final String STYLE = ".target{border:1px solid #bbb;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}"
            + ".steps{display:flex;list-style:none;padding:0;margin:.3rem 0;gap:2px}"
            + ".steps li{flex:1;text-align:center;padding:.25rem;background:#e4e4e4;color:#555;font-size:.9rem}"
            + ".steps li.done{background:#9fd3a8;color:#123}.steps li.current{background:#2b6cb0;color:#fff;font-weight:bold}"
            + ".notice{padding:.4rem .6rem;border-left:4px solid #c90;background:#fff7e0;margin:.3rem 0}"
            + ".notice-error,.notice-rolled-back,.notice-frozen{border-color:#c00;background:#fde8e8}"
            + ".notice-windows{border-color:#2b6cb0;background:#e8f0fa}.notice-frozen{font-weight:bold}"
            + ".steps li.waiting{background:#f6c343;color:#3a2a00;font-weight:bold}"
            + ".waiting{color:#6b4e00;font-weight:bold}"
            + ".warn{color:#8a4b00}meter{width:12rem}.candidate{border-top:1px dashed #ccc;padding-top:.3rem}"
            + ".phase{font-weight:bold}.muted{color:#666}"
            + "dl[data-production]{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem}"
            + "dl[data-production] dd{margin:0}";

    private final List<Section> sections;

    public BoardPage(List<Section> sections) {
        this.sections = List.copyOf(sections);
    }

    public static BoardPage standard() {
        return new BoardPage(STANDARD);
    }

    /** This page with {@code section} drawn after the others. */
    public BoardPage with(Section section) {
        List<Section> all = new ArrayList<>(sections);
        all.add(section);
        return new BoardPage(all);
    }

    /** {@code /api/board}: every target. */
    public String board(Board board) {
        StringBuilder body = new StringBuilder("<h1>Board</h1>\n<p class=\"muted\">As of <time data-board-at>")
                .append(escape(board.at())).append("</time>; reloads every ").append(REFRESH_SECONDS)
                .append(" s. <a href=\"promotions?format=html\">All promotions</a></p>\n");
        if (board.targets().isEmpty()) {
            body.append("<p data-empty>No targets in the promotion file.</p>\n");
        }
        for (TargetBoard t : board.targets()) {
            card(t, "", body, true);
        }
        return StatusPages.page("Board", body.toString(), REFRESH_SECONDS, STYLE);
    }

    /** {@code /api/targets/{name}}: one target. */
    public String target(TargetBoard target, String at) {
        StringBuilder body = new StringBuilder("<p class=\"muted\"><a href=\"../board?format=html\">Board</a> · as of <time data-board-at>")
                .append(escape(at)).append("</time>; reloads every ").append(REFRESH_SECONDS).append(" s. <a href=\"")
                .append(escape(target.name())).append("/history\">History (JSON)</a></p>\n");
        card(target, "../", body, false);
        return StatusPages.page(target.name() + " board", body.toString(), REFRESH_SECONDS, STYLE);
    }

    private void card(TargetBoard t, String root, StringBuilder out, boolean linkName) {
        out.append("<section class=\"target\" data-target=\"").append(escape(t.name())).append("\">\n<h2>");
        if (linkName) {
            out.append("<a href=\"").append(root).append("targets/").append(escape(t.name())).append("?format=html\">")
                    .append(escape(t.name())).append("</a>");
        } else {
            out.append(escape(t.name()));
        }
        out.append(" <small class=\"muted\">").append(escape(t.kind())).append(", ").append(escape(t.strategy()))
                .append("</small> <small><a data-actions href=\"").append(root).append("targets/").append(escape(t.name()))
                .append("/actions\">operator actions</a></small></h2>\n");
        for (Section s : sections) {
            s.render(t, root, out);
        }
        out.append("</section>\n");
    }

    static void notices(TargetBoard t, String root, StringBuilder out) {
        for (TargetBoard.Notice n : t.notices()) {
            out.append("<p class=\"notice notice-").append(escape(n.kind())).append("\" data-notice=\"").append(escape(n.kind()))
                    .append("\">").append(escape(n.text())).append("</p>\n");
        }
    }

    static void production(TargetBoard t, String root, StringBuilder out) {
        TargetBoard.Production p = t.production();
        out.append("<h3>Production</h3>\n<dl data-production>\n");
        if (p.image() == null) {
            out.append("<dt>Image</dt><dd>").append(p.problem() == null ? "unknown" : "not read").append("</dd>\n");
        } else {
            fact(out, "Image", "image", p.image());
            fact(out, "Digest", "digest", p.digest() == null ? "not pinned to a digest" : p.digest());
        }
        fact(out, "Since", "since", p.since());
        if (p.promotion() != null) {
            out.append("<dt>Released by</dt><dd data-fact=\"promotion\"><a href=\"").append(root).append("promotions/")
                    .append(escape(p.promotion())).append("?format=html\">").append(escape(p.promotion())).append("</a></dd>\n");
        }
        fact(out, "Read from Azure", "read-at", p.readAt());
        out.append("</dl>\n");
        if (!p.traffic().isEmpty()) {
            out.append("<table data-traffic><thead><tr><th>Revision</th><th>Label</th><th>Traffic</th><th>Image</th></tr></thead><tbody>\n");
            for (TargetBoard.Share s : p.traffic()) {
                out.append("<tr data-revision=\"").append(escape(s.revision())).append("\"><td>").append(escape(s.revision()))
                        .append("</td><td>").append(escape(s.label())).append("</td><td><meter min=\"0\" max=\"100\" value=\"")
                        .append(s.weight()).append("\"></meter> ").append(s.weight()).append("%</td><td><code>")
                        .append(escape(s.image())).append("</code></td></tr>\n");
            }
            out.append("</tbody></table>\n");
        }
    }

    static void candidates(TargetBoard t, String root, StringBuilder out) {
        out.append("<h3>In flight</h3>\n");
        if (t.candidates().isEmpty()) {
            out.append("<p class=\"muted\" data-none=\"candidates\">Nothing in flight.</p>\n");
        }
        for (TargetBoard.Candidate c : t.candidates()) {
            out.append("<div class=\"candidate\" data-candidate=\"").append(escape(c.promotion())).append("\">\n<p><a href=\"")
                    .append(root).append("promotions/").append(escape(c.promotion())).append("?format=html\"><code>")
                    .append(escape(c.image())).append("</code></a>")
                    .append(c.tag() == null ? "" : " (tag " + escape(c.tag()) + ")").append(": <span class=\"phase\" data-phase>")
                    // Approved but held back: its phase is still AWAITING_APPROVAL, which would read as undecided.
                    .append(c.waiting() != null ? "APPROVED, WAITING" : escape(String.valueOf(c.phase())))
                    .append("</span> for <span data-in-step>")
                    .append(human(Duration.ofSeconds(c.stepSeconds()))).append("</span></p>\n");
            stepBar(c.step(), c.waiting() != null, out);
            if (c.waiting() != null) {
                out.append("<p class=\"waiting\" data-waiting>Approved; ").append(escape(c.waiting())).append("</p>\n");
            } else {
                out.append("<p data-detail>").append(escape(c.detail())).append("</p>\n");
            }
            if (c.canaryWeight() != null) {
                out.append("<p>Candidate traffic: <meter min=\"0\" max=\"100\" value=\"").append(c.canaryWeight())
                        .append("\" data-canary=\"").append(c.canaryWeight()).append("\"></meter> ").append(c.canaryWeight())
                        .append("%</p>\n");
            }
            if (c.deadline() != null) {
                out.append("<p>Approval deadline: <time data-deadline>").append(escape(c.deadline())).append("</time></p>\n");
            }
            if (!c.fixes().isEmpty()) {
                out.append("<p>Fixes: ").append(escape(String.join(", ", c.fixes()))).append("</p>\n");
            }
            for (String w : c.warnings()) {
                out.append("<p class=\"warn\" data-warning>⚠ ").append(escape(w)).append("</p>\n");
            }
            out.append("</div>\n");
        }
    }

    /**
     * The step bar: steps before the current one done, the current one marked ({@code waiting} when it is
     * held back by a freeze or a rollout window), the rest to do.
     */
    static void stepBar(Step current, boolean waiting, StringBuilder out) {
        out.append("<ol class=\"steps\" data-step-bar>");
        for (Step s : Step.values()) {
            String state = s.ordinal() < current.ordinal() ? "done" : s == current ? (waiting ? "waiting" : "current") : "todo";
            out.append("<li class=\"").append(state).append("\" data-step=\"").append(s.label()).append("\" data-state=\"")
                    .append(state).append("\"").append(s == current ? " aria-current=\"step\"" : "").append(">")
                    .append(s.label()).append("</li>");
        }
        out.append("</ol>\n");
    }

    static void rebuilds(TargetBoard t, String root, StringBuilder out) {
        if (t.rebuilds().isEmpty()) {
            return;
        }
        out.append("<h3>Rebuilds in flight</h3>\n<ul data-rebuilds>\n");
        for (TargetBoard.Rebuild r : t.rebuilds()) {
            out.append("<li data-rebuild=\"").append(escape(r.rebuild())).append("\">replacing <code>").append(escape(r.replacesDigest()))
                    .append("</code> for ").append(escape(r.cves().isEmpty() ? "no CVE named" : String.join(", ", r.cves())))
                    .append(": ").append(escape(r.state())).append(" — ").append(escape(r.detail())).append("</li>\n");
        }
        out.append("</ul>\n");
    }

    static void outcomes(TargetBoard t, String root, StringBuilder out) {
        if (t.outcomes().isEmpty()) {
            return;
        }
        out.append("<h3>Last outcomes</h3>\n<table data-outcomes><thead><tr><th>When</th><th>Image</th><th>Outcome</th><th>Why</th>"
                + "</tr></thead><tbody>\n");
        for (TargetBoard.Outcome o : t.outcomes()) {
            out.append("<tr data-outcome=\"").append(escape(String.valueOf(o.phase()))).append("\"><td>").append(escape(o.at()))
                    .append("</td><td><a href=\"").append(root).append("promotions/").append(escape(o.promotion()))
                    .append("?format=html\"><code>").append(escape(o.image())).append("</code></a></td><td class=\"phase\">")
                    .append(escape(String.valueOf(o.phase()))).append("</td><td>").append(escape(o.detail())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    static void history(TargetBoard t, String root, StringBuilder out) {
        if (t.history().isEmpty()) {
            return;
        }
        out.append("<h3>Production history</h3>\n<table data-history><thead><tr><th>Digest</th><th>From</th><th>To</th>"
                + "<th>Promotion</th><th>Approvers</th><th>Outcome</th></tr></thead><tbody>\n");
        for (ProductionRun r : t.history()) {
            String what = r.digest() == null ? r.image() : r.digest();
            out.append("<tr data-run=\"").append(escape(r.promotion())).append("\"><td><code title=\"").append(escape(what))
                    .append("\">").append(escape(shorten(what, 19))).append("</code></td><td>")
                    .append(escape(r.from())).append("</td><td>").append(r.to() == null ? "now" : escape(r.to()))
                    .append("</td><td><a href=\"").append(root).append("promotions/").append(escape(r.promotion()))
                    .append("?format=html\" title=\"").append(escape(r.promotion())).append("\">")
                    .append(escape(shorten(r.promotion(), 24))).append("</a></td><td>")
                    .append(escape(String.join(", ", r.approvers()))).append("</td><td>").append(escape(r.outcome()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    /** Operators' latest actions on the target, from its audit partition, and a link to act. */
    static void actions(TargetBoard t, String root, StringBuilder out) {
        if (t.actions().isEmpty()) {
            return;
        }
        out.append("<h3>Operator actions</h3>\n<table data-actions-done><thead><tr><th>When</th><th>Who</th><th>Action</th>"
                + "<th>What</th><th>Why</th></tr></thead><tbody>\n");
        for (TargetBoard.OperatorAction a : t.actions()) {
            out.append("<tr data-action=\"").append(escape(a.action())).append("\"><td>").append(escape(a.at())).append("</td><td>")
                    .append(escape(a.by())).append("</td><td>").append(escape(a.action())).append("</td><td>")
                    .append(escape(a.detail())).append("</td><td>").append(escape(a.reason())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static void fact(StringBuilder out, String name, String key, String value) {
        if (value != null && !value.isBlank()) {
            out.append("<dt>").append(escape(name)).append("</dt><dd data-fact=\"").append(key).append("\">")
                    .append(escape(value)).append("</dd>\n");
        }
    }

    /** The first {@code max} characters and an ellipsis (the whole value stays in a {@code title}). */
    static String shorten(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max) + "…";
    }

    /** {@code 2 h 5 min}, {@code 4 min 12 s}, {@code 9 s}. */
    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
        if (s >= 60) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s + " s";
    }
}
