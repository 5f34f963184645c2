package io.acapromoter.azure;

import com.azure.containers.containerregistry.ContainerRegistryClient;
import com.azure.containers.containerregistry.ContainerRegistryClientBuilder;
import com.azure.containers.containerregistry.ContainerRegistryContentClientBuilder;
import com.azure.containers.containerregistry.ContainerRegistryServiceVersion;
import com.azure.containers.containerregistry.implementation.UtilsImpl;
import com.azure.containers.containerregistry.models.ContainerRegistryAudience;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.util.ClientOptions;
import com.azure.core.util.Configuration;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.domain.Digest;
import io.acapromoter.domain.InvalidReferenceException;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.ports.AzureOperationException;
import io.acapromoter.ports.ManifestFacts;
import io.acapromoter.ports.Registry;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Registry} on {@code azure-containers-containerregistry}, with the app's identity (AAD
 * token exchanged for an ACR token by the SDK). The OCI referrers API has no SDK method, so it is
 * called through the same authenticated pipeline the SDK clients use (built by the SDK's own
 * {@code UtilsImpl.buildClientPipeline} of the pinned 1.2.6; the adapter test against the
 * simulator breaks if that changes).
 */
public final class AcrRegistry implements Registry {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final int MAX_REFERRER_PAGES = 50;
    private static final String ACR_API_VERSION = "2021-07-01";

    private final TokenCredential credential;
    private final HttpClient httpClient;
    private final ContainerRegistryAudience audience;
    private final Map<String, HttpPipeline> pipelines = new ConcurrentHashMap<>();

    public AcrRegistry(TokenCredential credential, HttpClient httpClient, ContainerRegistryAudience audience) {
        this.credential = credential;
        this.httpClient = httpClient;
        this.audience = audience;
    }

    private HttpPipeline pipeline(String registry) {
        return pipelines.computeIfAbsent(registry.toLowerCase(java.util.Locale.ROOT), host -> UtilsImpl.buildClientPipeline(
                new ClientOptions(), new HttpLogOptions(), Configuration.getGlobalConfiguration(), null, null, credential,
                audience, List.of(), List.of(), httpClient, endpoint(host), ContainerRegistryServiceVersion.getLatest(), null));
    }

    private static String endpoint(String registry) {
        return "https://" + registry;
    }

    private ContainerRegistryClient client(String registry) {
        return new ContainerRegistryClientBuilder().endpoint(endpoint(registry)).audience(audience)
                .pipeline(pipeline(registry)).buildClient();
    }

    @Override
    public Optional<String> manifestMediaType(PinnedImage image) {
        try {
            return Optional.of(AzureErrors.call("get manifest", image.toString(), () -> new ContainerRegistryContentClientBuilder()
                    .endpoint(endpoint(image.registry())).repositoryName(image.repository()).audience(audience)
                    .pipeline(pipeline(image.registry())).buildClient()
                    .getManifest(image.digest().toString()).getManifestMediaType().toString()));
        } catch (AzureOperationException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<java.time.Instant> pushedAt(PinnedImage image) {
        try {
            return Optional.ofNullable(AzureErrors.call("get manifest properties", image.toString(),
                    () -> client(image.registry()).getArtifact(image.repository(), image.digest().toString())
                            .getManifestProperties().getCreatedOn())).map(java.time.OffsetDateTime::toInstant);
        } catch (AzureOperationException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code GET /acr/v1/<repo>/_manifests/<digest>} (ACR's manifest attributes) through the SDK's
     * pipeline: the SDK's {@code ArtifactManifestProperties} drops {@code mediaType}, which this reads
     * with {@code createdTime}, so one request (one token scope) answers existence, media type and push time.
     */
    @Override
    public Optional<ManifestFacts> manifestFacts(PinnedImage image) {
        Page p = get(image, endpoint(image.registry()) + "/acr/v1/" + image.repository() + "/_manifests/" + image.digest()
                + "?api-version=" + ACR_API_VERSION, "get manifest properties", "application/json");
        if (p.status() == 404) {
            return Optional.empty();
        }
        JsonNode manifest = readIndex(p.body()).path("manifest");
        String mediaType = manifest.path("mediaType").asText("");
        String created = manifest.path("createdTime").asText("");
        try {
            return Optional.of(new ManifestFacts(mediaType.isEmpty() ? Optional.empty() : Optional.of(mediaType),
                    created.isEmpty() ? Optional.empty() : Optional.of(java.time.OffsetDateTime.parse(created).toInstant())));
        } catch (java.time.format.DateTimeParseException e) {
            throw new AzureOperationException("get manifest properties", image.toString(), 0, false,
                    "registry returned createdTime '" + created + "', not a date-time", e);
        }
    }

    @Override
    public Optional<Digest> digestOf(String registry, String repository, String tag) {
        String reference = registry + "/" + repository + ":" + tag;
        try {
            String digest = AzureErrors.call("get tag", reference,
                    () -> client(registry).getArtifact(repository, tag).getManifestProperties().getDigest());
            return Optional.of(Digest.parse(digest));
        } catch (AzureOperationException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        } catch (InvalidReferenceException e) {
            throw new AzureOperationException("get tag", reference, 0, false, "registry returned " + e.getMessage(), e);
        }
    }

    /**
     * The OCI referrers API, page by page ({@code Link: <...>; rel="next"}). Where the registry does not
     * serve it (404: e.g. a registry encrypted with a customer-managed key), the OCI referrers tag
     * schema: an image index tagged {@code sha256-<hex>}. An entry without {@code artifactType} (seen
     * on ACR) is kept when the registry says it applied the filter, else its manifest is read.
     */
    @Override
    public List<Digest> referrers(PinnedImage image, String artifactType) {
        String base = endpoint(image.registry());
        String next = "/v2/" + image.repository() + "/referrers/" + image.digest()
                + "?artifactType=" + URLEncoder.encode(artifactType, StandardCharsets.UTF_8);
        List<Digest> out = new ArrayList<>();
        for (int page = 0; next != null; page++) {
            if (page == MAX_REFERRER_PAGES) {
                throw new AzureOperationException("list referrers", image.toString(), 0, false,
                        "more than " + MAX_REFERRER_PAGES + " pages of referrers", null);
            }
            Page p = get(image, base + next, "list referrers", OCI_INDEX);
            if (p.status() == 404) {
                return page == 0 ? referrersByTag(image, artifactType) : out;
            }
            out.addAll(matching(image, p.body(), artifactType, p.filtered()));
            next = p.next();
        }
        return out;
    }

    private List<Digest> referrersByTag(PinnedImage image, String artifactType) {
        String tag = image.digest().algorithm() + "-" + image.digest().hex();
        Page p = get(image, endpoint(image.registry()) + "/v2/" + image.repository() + "/manifests/" + tag,
                "read referrers tag " + tag, OCI_INDEX);
        return p.status() == 404 ? List.of() : matching(image, p.body(), artifactType, false);
    }

    private List<Digest> matching(PinnedImage image, String body, String artifactType, boolean filtered) {
        List<Digest> out = new ArrayList<>();
        for (JsonNode m : readIndex(body).path("manifests")) {
            Digest digest = digestOf(m);
            String type = m.path("artifactType").asText("");
            if (artifactType.equals(type) || type.isEmpty() && (filtered || artifactType.equals(artifactTypeOf(image, digest)))) {
                out.add(digest);
            }
        }
        return out;
    }

    /** A manifest's artifact type: its {@code artifactType}, else its config's media type (OCI image spec). */
    private String artifactTypeOf(PinnedImage subject, Digest referrer) {
        Page p = get(subject, endpoint(subject.registry()) + "/v2/" + subject.repository() + "/manifests/" + referrer,
                "read referrer " + referrer, OCI_MANIFEST + "," + OCI_INDEX);
        if (p.status() == 404) {
            return "";
        }
        JsonNode manifest = readIndex(p.body());
        return manifest.path("artifactType").asText(manifest.path("config").path("mediaType").asText(""));
    }

    private record Page(int status, String body, boolean filtered, String next) {
    }

    private Page get(PinnedImage image, String url, String what, String accept) {
        HttpRequest request = new HttpRequest(HttpMethod.GET, url).setHeader("Accept", accept);
        return AzureErrors.call(what, image.toString(), () -> {
            try (HttpResponse response = pipeline(image.registry()).sendSync(request, Context.NONE)) {
                if (response.getStatusCode() == 404) {
                    return new Page(404, "", false, null);
                }
                if (response.getStatusCode() >= 400) {
                    throw new HttpResponseException(what + " answered " + response.getStatusCode(), response, null);
                }
                String filters = response.getHeaderValue(HttpHeaderName.fromString("OCI-Filters-Applied"));
                return new Page(response.getStatusCode(), response.getBodyAsBinaryData().toString(),
                        filters != null && filters.contains("artifactType"),
                        nextLink(response.getHeaderValue(HttpHeaderName.fromString("Link"))));
            }
        });
    }

    /** The path of {@code <...>; rel="next"}, or null. */
    static String nextLink(String link) {
        if (link == null) {
            return null;
        }
        for (String part : link.split(",")) {
            int open = part.indexOf('<');
            int close = part.indexOf('>');
            if (open >= 0 && close > open && part.substring(close).replace(" ", "").contains("rel=\"next\"")) {
                String target = part.substring(open + 1, close).trim();
                return target.startsWith("https://") ? target.substring(target.indexOf('/', 8)) : target;
            }
        }
        return null;
    }

    private static JsonNode readIndex(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("registry answered something that is not JSON: " + e.getMessage(), e);
        }
    }

    private static Digest digestOf(JsonNode descriptor) {
        try {
            return Digest.parse(descriptor.path("digest").asText());
        } catch (InvalidReferenceException e) {
            throw new IllegalStateException("referrers index has a descriptor without a valid digest: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> manifest(PinnedImage image) {
        try {
            return Optional.of(AzureErrors.call("get manifest", image.toString(), () -> new ContainerRegistryContentClientBuilder()
                    .endpoint(endpoint(image.registry())).repositoryName(image.repository()).audience(audience)
                    .pipeline(pipeline(image.registry())).buildClient()
                    .getManifest(image.digest().toString()).getManifest().toBytes()));
        } catch (AzureOperationException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code GET /v2/<repo>/blobs/<digest>} through the SDK's pipeline (its redirect policy follows ACR's 307 to storage). */
    @Override
    public byte[] blob(String registry, String repository, Digest digest, int maxBytes) {
        String reference = registry + "/" + repository + "@" + digest;
        HttpRequest request = new HttpRequest(HttpMethod.GET, endpoint(registry) + "/v2/" + repository + "/blobs/" + digest);
        byte[] body = AzureErrors.call("get blob", reference, () -> {
            try (HttpResponse response = pipeline(registry).sendSync(request, Context.NONE)) {
                if (response.getStatusCode() >= 400) {
                    throw new HttpResponseException("blob answered " + response.getStatusCode(), response, null);
                }
                String length = response.getHeaderValue(com.azure.core.http.HttpHeaderName.CONTENT_LENGTH);
                if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBytes) {
                    return new byte[maxBytes + 1];
                }
                return response.getBodyAsBinaryData().toBytes();
            }
        });
        if (body.length > maxBytes) {
            throw new AzureOperationException("get blob", reference, 0, false, "blob is " + body.length + " bytes, over the "
                    + maxBytes + " read", null);
        }
        if (!digestOf(digest.algorithm(), body).equals(digest)) {
            throw new AzureOperationException("get blob", reference, 0, false, "the registry returned content that does "
                    + "not match the digest", null);
        }
        return body;
    }

    private static Digest digestOf(String algorithm, byte[] content) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256").digest(content);
            return new Digest(algorithm, java.util.HexFormat.of().formatHex(hash));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
