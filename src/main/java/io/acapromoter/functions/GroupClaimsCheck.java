package io.acapromoter.functions;

import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.Target;
import io.acapromoter.settings.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Group approvers ({@code group:<object id>}) only work when sign-in tokens carry group claims, which
 * the app registration decides ({@code groupMembershipClaims}). Without them every group approver
 * would be refused at decision time, silently, days after the deployment: refuse to start instead.
 * The deployment states what the registration emits in {@link Settings#AUTH_GROUP_CLAIMS}.
 */
final class GroupClaimsCheck {

    /** {@code groupMembershipClaims} values that put group object ids in the token. */
    private static final Set<String> EMITS_GROUPS = Set.of("securitygroup", "all", "applicationgroup");

    private GroupClaimsCheck() {
    }

    /** One message per target (or the defaults) naming groups the tokens cannot carry; empty when fine. */
    static List<String> problems(PromotionFile file, Settings settings) {
        String emitted = settings.getOrDefault(Settings.AUTH_GROUP_CLAIMS, "None");
        boolean emitsGroups = List.of(emitted.split(",")).stream()
                .map(v -> v.strip().toLowerCase(Locale.ROOT)).anyMatch(EMITS_GROUPS::contains);
        if (emitsGroups) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (hasGroup(file.approval().approvers())) {
            problems.add(message("approval.approvers", emitted));
        }
        for (int i = 0; i < file.targets().size(); i++) {
            Target target = file.targets().get(i);
            if (target.approval() != file.approval() && hasGroup(target.approval().approvers())) {
                problems.add(message("targets[" + i + "].approval.approvers (" + target.name() + ")", emitted));
            }
        }
        return problems;
    }

    private static boolean hasGroup(List<String> approvers) {
        return approvers.stream().anyMatch(a -> a.strip().toLowerCase(Locale.ROOT).startsWith("group:"));
    }

    private static String message(String path, String emitted) {
        return path + ": names group approvers, but sign-in tokens carry no group claims ("
                + Settings.AUTH_GROUP_CLAIMS + "=" + emitted + "); set groupMembershipClaims to SecurityGroup on the"
                + " app registration and " + Settings.AUTH_GROUP_CLAIMS + " to match (docs/deploy.md, step 2),"
                + " or list approvers by name";
    }
}
