package io.acapromoter.azure;

import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
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
import io.acapromoter.ports.AzureOperationException;
import io.acapromoter.ports.Findings;
import io.acapromoter.domain.ScanReport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@link Findings} on Azure Resource Graph: container image records of both Defender models — grouped
 * sub-assessments (current and legacy assessment keys) and individual recommendations
 * ({@code resourceDetails.ResourceType == ".containerimage"}) — on the digests asked for, in every status
 * (a healthy record shows the digest was scanned). Rows are read by the same {@link FindingParser} that reads
 * Defender's events, so both paths agree on what a finding is; the same CVE on the same digest counts once.
 * A registry named only by its ARM id is resolved to its login server through ARM ({@code loginServer}).
 */
public final class ResourceGraphFindings implements Findings {

    static final String CURRENT_KEY = "c0b7cfc6-3172-465a-b378-53c7ff2cc0d5";
    static final String LEGACY_KEY = "dbd0cb49-b563-45e7-9724-889e799fa648";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;

    private final ResourceGraphManager manager;
    private final List<String> subscriptions;
    private final Function<String, ContainerRegistryManager> registries;
    private final Map<String, Optional<String>> loginServers = new ConcurrentHashMap<>();

    public ResourceGraphFindings(ResourceGraphManager manager, List<String> subscriptions,
                                 Function<String, ContainerRegistryManager> registries) {
        this.manager = manager;
        this.subscriptions = List.copyOf(subscriptions);
        this.registries = registries;
    }

    /**
     * The KQL for the digests: both models, every status; the same CVE on the same digest once (an unhealthy
     * record wins over a healthy one). Digests are validated hex, safe to inline.
     */
    static String query(Collection<Digest> digests) {
        Set<String> quoted = new TreeSet<>();
        digests.forEach(d -> quoted.add("'" + d + "'"));
        String list = String.join(", ", quoted);
        return "securityresources\n"
                + "| where type in~ ('microsoft.security/assessments/subassessments', 'microsoft.security/assessments')\n"
                + "| extend assessmentKey = tostring(extract(@'(?i)providers/Microsoft.Security/assessments/([^/]*)', 1, id))\n"
                + "| extend imageType = coalesce(tostring(properties.resourceDetails.ResourceType), "
                + "tostring(properties.resourceDetails.resourceType))\n"
                + "| where (type =~ 'microsoft.security/assessments/subassessments' and assessmentKey in~ ('"
                + CURRENT_KEY + "', '" + LEGACY_KEY + "'))\n"
                + "    or (type =~ 'microsoft.security/assessments' and imageType =~ '.containerimage')\n"
                + "| extend digest = tolower(coalesce(tostring(properties.additionalData.artifactDetails.digest), "
                + "tostring(properties.additionalData.imageDigest), tostring(properties.additionalData.digest), "
                + "extract(@'(sha256:[0-9a-fA-F]{64})', 1, tostring(properties.resourceDetails.Id)), "
                + "extract(@'(sha256:[0-9a-fA-F]{64})', 1, tostring(properties.resourceDetails.id))))\n"
                + "| where digest in~ (" + list + ")\n"
                + "| extend cve = toupper(coalesce(tostring(properties.additionalData.vulnerabilityDetails.cveId), "
                + "tostring(properties.additionalData.cveId), tostring(properties.id), tostring(properties.displayName), id))\n"
                + "| extend unhealthy = iff(tostring(properties.status.code) =~ 'Unhealthy', 1, 0)\n"
                + "| summarize arg_max(unhealthy, *) by digest, cve";
    }

    @Override
    public ScanReport forDigests(Collection<Digest> digests) {
        if (digests.isEmpty()) {
            return ScanReport.of(List.of(), List.of());
        }
        String kql = query(digests);
        List<Finding> out = new ArrayList<>();
        Set<Digest> scanned = new HashSet<>();
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
            for (ParsedFinding parsed : FindingParser.parse(body.toString(), this::loginServer)) {
                if (parsed instanceof ParsedFinding.Found found) {
                    out.add(found.finding());
                } else if (parsed instanceof ParsedFinding.Scanned clean) {
                    scanned.add(clean.digest());
                } else if (parsed instanceof ParsedFinding.Unreadable bad) {
                    Log.of(ResourceGraphFindings.class).warning("event=findings.unreadable finding=\"" + bad.id().replace('"', '\'')
                            + "\" reason=\"" + bad.problem().replace('"', '\'') + "\"");
                }
            }
        } while (skipToken != null && !skipToken.isEmpty());
        return ScanReport.of(out, scanned);
    }

    /** Login servers do not change for a registry's lifetime: read once per process. A failed read is not cached. */
    @Override
    public Optional<String> loginServer(String registryResourceId) {
        String key = registryResourceId.toLowerCase(Locale.ROOT);
        Optional<String> known = loginServers.get(key);
        if (known != null) {
            return known;
        }
        String[] parts = registryResourceId.split("/");
        if (parts.length < 9) {
            return Optional.empty();
        }
        String subscription = parts[2];
        String resourceGroup = parts[4];
        String name = parts[8];
        Optional<String> host;
        try {
            host = Optional.ofNullable(AzureErrors.call("read the registry's login server", registryResourceId,
                    () -> registries.apply(subscription).serviceClient().getRegistries().getByResourceGroup(resourceGroup, name))
                    .loginServer()).map(h -> h.toLowerCase(Locale.ROOT));
        } catch (AzureOperationException e) {
            // The record that needed it is refused, naming the registry; the rest of the batch goes on.
            Log.of(ResourceGraphFindings.class).warning("event=findings.registry_unresolved registry=\"" + registryResourceId
                    + "\" reason=\"" + String.valueOf(e.getMessage()).replace('"', '\'') + "\"");
            return Optional.empty();
        }
        host.ifPresent(h -> loginServers.put(key, Optional.of(h)));
        return host;
    }
}
