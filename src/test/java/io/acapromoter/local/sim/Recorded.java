package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One real answer from Azure, kept under {@code src/test/resources/recorded/<area>/<name>.json}:
 * where it was taken from ({@code source}: repository, path, commit, which interaction), the
 * request that got it and the response (status, headers, JSON {@code body} or exact {@code bodyText}).
 */
public record Recorded(String name, JsonNode source, String method, URI url, int status, Map<String, String> headers,
                       JsonNode body, byte[] bodyBytes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Recorded {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source of " + name);
        if (!source.hasNonNull("repo") || !source.hasNonNull("path")) {
            throw new IllegalArgumentException("recorded/" + name + ".json: source needs repo and path");
        }
        headers = Map.copyOf(headers);
    }

    /** Loads {@code recorded/<area>/<name>.json} from the test class path, e.g. {@code load("containerapps/app-get")}. */
    public static Recorded load(String name) {
        String resource = "/recorded/" + name + ".json";
        try (InputStream in = Recorded.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded fixture " + resource);
            }
            JsonNode root = JSON.readTree(in);
            JsonNode request = root.path("request");
            JsonNode response = root.path("response");
            Map<String, String> headers = new LinkedHashMap<>();
            response.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            JsonNode body = response.get("body");
            byte[] bytes;
            if (response.hasNonNull("bodyText")) {
                bytes = response.get("bodyText").asText().getBytes(StandardCharsets.UTF_8);
                body = JSON.readTree(bytes);
            } else if (body == null || body.isNull()) {
                body = null;
                bytes = new byte[0];
            } else {
                bytes = JSON.writeValueAsBytes(body);
            }
            return new Recorded(name, root.path("source"), request.path("method").asText(), URI.create(request.path("url").asText()),
                    response.path("status").asInt(), headers, body, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("recorded fixture " + resource + " is not readable JSON", e);
        }
    }

    /** The request path, percent-decoded, as routes match it. */
    public String path() {
        return URLDecoder.decode(url.getRawPath(), StandardCharsets.UTF_8);
    }

    public String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
