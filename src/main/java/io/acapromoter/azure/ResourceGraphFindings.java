package io.acapromoter.azure;

import io.acapromoter.logging.Log;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resourcegraph.fluent.models.QueryResponseInner;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.domain.Digest;
import io.acapromoter.domain.Finding;
import io.acapromoter.events.FindingParser;
import io.acapromoter.events.ParsedFinding;
import io.acapromoter.ports.Findings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link Findings} on Azure Resource Graph: unhealthy container image sub-assessments (current and
 * legacy assessment keys) whose digest is one of those asked for. Rows are read by the same
 * {@link FindingParser} that reads Defender's events, so both paths agree on what a finding is.
 */
public final class ResourceGraphFindings implements Findings {

    static final String CURRENT_KEY = "c0b7cfc6-3172-465a-b378-53c7ff2cc0d5";
    static final String LEGACY_KEY = "dbd0cb49-b563-45e7-9724-889e799fa648";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;

    private final ResourceGraphManager manager;
    private final List<String> subscriptions;

    public ResourceGraphFindings(ResourceGraphManager manager, List<String> subscriptions) {
        this.manager = manager;
        this.subscriptions = List.copyOf(subscriptions);
    }

    /** The KQL for the digests: both shapes, unhealthy only. Digests are validated hex, safe to inline. */
    static String query(Collection<Digest> digests) {
        Set<String> quoted = new TreeSet<>();
        digests.forEach(d -> quoted.add("'" + d + "'"));
        String list = String.join(", ", quoted);
        return "securityresources\n"
                + "| where type =~ 'microsoft.security/assessments/subassessments'\n"
                + "| extend assessmentKey = extract('.*assessments/(.+?)/.*', 1, id)\n"
                + "| where assessmentKey in~ ('" + CURRENT_KEY + "', '" + LEGACY_KEY + "')\n"
                + "| where tostring(properties.status.code) =~ 'Unhealthy'\n"
                + "| extend digest = coalesce(tostring(properties.additionalData.artifactDetails.digest), "
                + "tostring(properties.additionalData.imageDigest))\n"
                + "| where digest in~ (" + list + ")";
    }

    @Override
    public List<Finding> forDigests(Collection<Digest> digests) {
        if (digests.isEmpty()) {
            return List.of();
        }
        String kql = query(digests);
        List<Finding> out = new ArrayList<>();
        String skipToken = null;
        do {
            QueryRequestOptions options = new QueryRequestOptions().withResultFormat(ResultFormat.OBJECT_ARRAY).withTop(PAGE);
            if (skipToken != null) {
                options.withSkipToken(skipToken);
            }
            QueryRequest request = new QueryRequest().withSubscriptions(subscriptions).withQuery(kql).withOptions(options);
            QueryResponseInner response = AzureErrors.call("query Resource Graph for findings", "subscriptions " + subscriptions,
                    () -> manager.serviceClient().getResourceProviders().resources(request));
            skipToken = response.skipToken();
            if (response.count() == 0) {
                continue;
            }
            ObjectNode body = JSON.createObjectNode();
            body.put("totalRecords", response.totalRecords());
            body.put("count", response.count());
            body.set("data", JSON.valueToTree(response.data()));
            for (ParsedFinding parsed : FindingParser.parse(body.toString())) {
                if (parsed instanceof ParsedFinding.Found found) {
                    out.add(found.finding());
                } else if (parsed instanceof ParsedFinding.Unreadable bad) {
                    Log.of(ResourceGraphFindings.class).warning("event=findings.unreadable reason=\"" + bad.problem().replace('"', '\'') + "\"");
                }
            }
        } while (skipToken != null && !skipToken.isEmpty());
        return out;
    }
}
