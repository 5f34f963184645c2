package io.acapromoter.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.acapromoter.logging.Log;
import io.acapromoter.logging.LogLine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The signed-in person, as App Service Authentication reports it. In Azure the platform sets
 * {@code X-MS-CLIENT-PRINCIPAL} (base64 JSON {@code {"auth_typ","claims":[{"typ","val"}],"name_typ","role_typ"}})
 * and {@code X-MS-CLIENT-PRINCIPAL-NAME}, and strips both from client requests, so they can be trusted
 * there and only there.
 *
 * @param name   UPN or e-mail
 * @param groups group object ids ({@code groups} claims), empty when the token carries none
 */
public record Principal(String name, List<String> groups) {

    public static final String PRINCIPAL_HEADER = "X-MS-CLIENT-PRINCIPAL";
    public static final String PRINCIPAL_NAME_HEADER = "X-MS-CLIENT-PRINCIPAL-NAME";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Claim types that name the person, in order of preference (short names and the mapped URIs). */
    private static final List<String> NAME_CLAIMS = List.of("preferred_username", "upn",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", "email",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress");
    private static final List<String> GROUP_CLAIMS = List.of("groups",
            "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups");

    public Principal {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("principal name is empty");
        }
        name = name.strip();
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /**
     * The signed-in person. With a development identity (only {@code bin/promoter local}) it is that
     * identity and nothing a client sends can change it: locally no platform strips the principal headers.
     * Otherwise the platform's principal headers, which App Service Authentication sets and strips from clients.
     */
    public static Optional<Principal> signedIn(Optional<Principal> developmentIdentity, Map<String, String> headers) {
        return developmentIdentity.isPresent() ? developmentIdentity : fromHeaders(headers);
    }

    /** The principal from request headers (names compared case-insensitively), if the platform set them. */
    public static Optional<Principal> fromHeaders(Map<String, String> headers) {
        Optional<String> encoded = header(headers, PRINCIPAL_HEADER);
        Optional<String> plainName = header(headers, PRINCIPAL_NAME_HEADER);
        if (encoded.isPresent()) {
            Optional<Principal> decoded = decode(encoded.get(), plainName.orElse(null));
            if (decoded.isPresent()) {
                return decoded;
            }
        }
        return plainName.map(n -> new Principal(n, List.of()));
    }

    static Optional<Principal> decode(String base64, String fallbackName) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | java.io.IOException e) {
            // The claims are personal data: log why the header did not read, never its content.
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            Log.of(Principal.class).warning(LogLine.of("principal.unreadable").with("header", PRINCIPAL_HEADER)
                    .with("length", base64.length()).with("reason", e.getClass().getSimpleName() + ": " + reason)
                    .with("outcome", fallbackName == null ? "nobody" : "name header only").toString());
            return Optional.empty();
        }
        List<String> groups = new ArrayList<>();
        String name = null;
        int rank = Integer.MAX_VALUE;
        String nameType = root.path("name_typ").asText("");
        String typedName = null;
        String displayName = null;
        for (JsonNode claim : root.path("claims")) {
            String typ = claim.path("typ").asText("");
            String val = claim.path("val").asText("").strip();
            if (val.isEmpty()) {
                continue;
            }
            if (GROUP_CLAIMS.contains(typ)) {
                groups.add(val);
            }
            int at = NAME_CLAIMS.indexOf(typ);
            if (at >= 0 && at < rank) {
                rank = at;
                name = val;
            }
            if (!nameType.isEmpty() && typ.equals(nameType) && typedName == null) {
                typedName = val;
            }
            if ("name".equals(typ) && displayName == null) {
                displayName = val;
            }
        }
        String chosen = name != null ? name : typedName != null ? typedName
                : fallbackName != null && !fallbackName.isBlank() ? fallbackName : displayName;
        return chosen == null ? Optional.empty() : Optional.of(new Principal(chosen, groups));
    }

    static Optional<String> header(Map<String, String> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null && !e.getValue().isBlank()) {
                return Optional.of(e.getValue().strip());
            }
        }
        return Optional.empty();
    }
}
