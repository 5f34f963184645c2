package io.acapromoter.approval;

import io.acapromoter.domain.Decision;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.domain.PromotionStatus.DecisionEntry;
import io.acapromoter.domain.PromotionStatus.ProbeOutcome;

import java.util.ArrayList;
import java.util.List;

/**
 * What approvers are shown, in one place so that the page, the card and the mail say the same:
 * target, image and digest, what production runs now, staging, smoke results, CVEs fixed, who
 * pushed it, the deadline and the decisions so far.
 */
final class ApprovalFacts {

    /** How verification reports a good signature (see CandidateVerifier). */
    static final String SIGNATURE_PREFIX = "signature verified: ";

    private ApprovalFacts() {
    }

    static List<Fact> of(PromotionStatus s) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("target", "Target", s.target()));
        facts.add(new Fact("image", "Image", repository(s.image()) + (blank(s.tag()) ? "" : ":" + s.tag())));
        facts.add(new Fact("digest", "Digest", digest(s.image())));
        facts.add(new Fact("production", "Production runs now", blank(s.productionImage()) ? "nothing yet (first rollout)" : s.productionImage()));
        String signature = s.verification().stream().filter(v -> v.startsWith(SIGNATURE_PREFIX))
                .map(v -> v.substring(SIGNATURE_PREFIX.length())).findFirst().orElse("not required by this target");
        facts.add(new Fact("signature", "Signature", signature));
        List<String> pulls = s.verification().stream().filter(v -> !v.startsWith(SIGNATURE_PREFIX)).toList();
        if (!pulls.isEmpty()) {
            facts.add(new Fact("registryPull", "Pulled by", String.join("; ", pulls)));
        }
        facts.add(new Fact("staging", "Staging URL", blank(s.stagingUrl()) ? "none" : s.stagingUrl()));
        facts.add(new Fact("smoke", "Smoke tests", smokeSummary(s.smoke())));
        if (!blank(s.vulnerabilityScan())) {
            facts.add(new Fact("vulnerabilityScan", "Vulnerability scan", s.vulnerabilityScan()));
        }
        if (!blank(s.rebuildOf()) || !s.fixes().isEmpty()) {
            facts.add(new Fact("fixes", "CVEs fixed", s.fixes().isEmpty() ? "none listed" : String.join(", ", s.fixes())));
            facts.add(new Fact("rebuildOf", "Replaces digest", blank(s.rebuildOf()) ? "unknown" : s.rebuildOf()));
        }
        facts.add(new Fact("pushedBy", "Pushed by", blank(s.pushedBy()) ? "unknown" : s.pushedBy()));
        if (!blank(s.pushedAt())) {
            facts.add(new Fact("pushedAt", "Pushed at", s.pushedAt()));
        }
        facts.add(new Fact("deadline", "Decide by", blank(s.deadline()) ? "no deadline set" : s.deadline()));
        facts.add(new Fact("approvals", "Approvals", approvals(s) + " of " + Math.max(1, s.approvalsRequired()) + " required"));
        return facts;
    }

    static long approvals(PromotionStatus s) {
        return s.decisions().stream().filter(d -> d.decision() == Decision.APPROVE).count();
    }

    static String smokeSummary(List<ProbeOutcome> smoke) {
        if (smoke.isEmpty()) {
            return "no probes ran";
        }
        long passed = smoke.stream().filter(ProbeOutcome::passed).count();
        return passed + " of " + smoke.size() + " passed";
    }

    static String decisionLine(DecisionEntry d) {
        return d.approver() + ": " + d.decision() + (blank(d.at()) ? "" : " at " + d.at())
                + (blank(d.reason()) ? "" : " (" + d.reason() + ")");
    }

    /** {@code registry/repo} of {@code registry/repo@sha256:…}. */
    static String repository(String image) {
        if (image == null) {
            return "";
        }
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }

    static String digest(String image) {
        if (image == null) {
            return "";
        }
        int at = image.indexOf('@');
        return at < 0 ? "" : image.substring(at + 1);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
