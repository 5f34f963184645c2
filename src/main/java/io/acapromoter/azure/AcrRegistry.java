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

    @Override
    public List<Digest> referrers(PinnedImage image, String artifactType) {
        String url = endpoint(image.registry()) + "/v2/" + image.repository() + "/referrers/" + image.digest()
                + "?artifactType=" + URLEncoder.encode(artifactType, StandardCharsets.UTF_8);
        HttpRequest request = new HttpRequest(HttpMethod.GET, url).setHeader("Accept", "application/vnd.oci.image.index.v1+json");
        return AzureErrors.call("list referrers", image.toString(), () -> {
            try (HttpResponse response = pipeline(image.registry()).sendSync(request, Context.NONE)) {
                if (response.getStatusCode() == 404) {
                    return List.<Digest>of();
                }
                if (response.getStatusCode() >= 400) {
                    throw new HttpResponseException("referrers answered " + response.getStatusCode(), response, null);
                }
                return parseReferrers(response.getBodyAsBinaryData().toString(), artifactType);
            }
        });
    }

    /** Keeps the referrers of {@code artifactType}: registries may ignore the filter and say so in a header. */
    static List<Digest> parseReferrers(String body, String artifactType) {
        List<Digest> out = new ArrayList<>();
        try {
            JsonNode index = JSON.readTree(body);
            for (JsonNode m : index.path("manifests")) {
                if (artifactType.equals(m.path("artifactType").asText()) && m.hasNonNull("digest")) {
                    out.add(Digest.parse(m.get("digest").asText()));
                }
            }
        } catch (IOException | InvalidReferenceException e) {
            throw new IllegalStateException("referrers response is not an OCI image index: " + e.getMessage(), e);
        }
        return out;
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
