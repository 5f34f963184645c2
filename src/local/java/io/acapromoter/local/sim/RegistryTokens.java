package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.local.sim.RegistryModel.Registry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's token authentication: ACR's AAD-to-refresh-token exchange and access tokens,
 * the Basic-credentials token endpoint OCI clients use, and the 401 challenge that starts it all.
 */
final class RegistryTokens {
    private final RegistryStore store;
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, String> accessTokens = new ConcurrentHashMap<>();

    RegistryTokens(RegistryStore store) {
        this.store = store;
    }

    /** What a data-plane route does for a caller whose token covers the route's scope; runs under the store's lock. */
    interface DataPlaneHandler {
        SimResponse handle(Registry registry);
    }

    /** Serves the request if it carries an access token for {@code scope}; otherwise answers the 401 challenge. */
    SimResponse authorized(SimRequest req, String scope, DataPlaneHandler handler) {
        Registry reg = store.registryForHost(req);
        String auth = req.header("Authorization");
        String granted = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? accessTokens.get(auth.substring(7).trim()) : null;
        if (granted == null || !covers(granted, scope)) {
            String realm = "https://" + req.host + "/oauth2/token";
            SimResponse challenge = DataPlaneException.body(401, "UNAUTHORIZED", "authentication required");
            challenge.header("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"" + reg.loginServer + "\",scope=\"" + scope + "\"");
            return challenge;
        }
        synchronized (store) {
            return handler.handle(reg);
        }
    }

    private static boolean covers(String granted, String needed) {
        String[] n = needed.split(":");
        for (String g : granted.split(" ")) {
            String[] p = g.split(":");
            if (p.length == 3 && n.length == 3 && p[0].equals(n[0]) && p[1].equals(n[1])
                    && (p[2].contains("*") || List.of(p[2].split(",")).containsAll(List.of(n[2].split(","))))) {
                return true;
            }
        }
        return false;
    }

    SimResponse exchange(SimRequest req) {
        Map<String, String> form = req.form();
        if (!"access_token".equals(form.get("grant_type")) || form.getOrDefault("access_token", "").isBlank()) {
            return SimResponse.json(401, Json.object().put("error", "unauthorized_client")
                    .put("error_description", "grant_type must be access_token and an AAD access_token is required"));
        }
        Registry reg = store.registryForHost(req);
        String service = form.getOrDefault("service", reg.loginServer);
        String token = jwt(service, "refresh_token", null);
        refreshTokens.add(token);
        return SimResponse.json(200, Json.object().put("refresh_token", token));
    }

    SimResponse token(SimRequest req) {
        Map<String, String> form = req.form();
        String refresh = form.get("refresh_token");
        if (!"refresh_token".equals(form.get("grant_type")) || refresh == null || !refreshTokens.contains(refresh)) {
            return SimResponse.json(401, Json.object().put("error", "unauthorized_client")
                    .put("error_description", "the refresh token is not one this registry issued"));
        }
        String scope = form.getOrDefault("scope", "");
        String token = jwt(form.getOrDefault("service", ""), "access_token", scope);
        accessTokens.put(token, scope);
        return SimResponse.json(200, Json.object().put("access_token", token));
    }

    /**
     * The token endpoint as {@code docker login}, skopeo and ORAS use it: {@code GET /oauth2/token}
     * with Basic credentials and the scope they need. ACR takes a token's name and password (or
     * the 00000000-… user with a refresh token) here; the simulator takes any non-empty pair.
     */
    SimResponse dockerToken(SimRequest req) {
        String auth = req.header("Authorization");
        String[] credentials = null;
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                credentials = pair.contains(":") ? pair.split(":", 2) : null;
            } catch (IllegalArgumentException notBase64) {
                credentials = null;
            }
        }
        if (credentials == null || credentials[0].isBlank() || credentials[1].isBlank()) {
            SimResponse r = DataPlaneException.body(401, "UNAUTHORIZED",
                    "authentication required, visit https://aka.ms/acr/authorization for more information.");
            r.header("WWW-Authenticate", "Basic realm=\"Azure Container Registry\"");
            return r;
        }
        String scope = req.query.getOrDefault("scope", "");
        String token = jwt(req.query.getOrDefault("service", store.registryForHost(req).loginServer), "access_token", scope);
        accessTokens.put(token, scope);
        return SimResponse.json(200, Json.object().put("access_token", token));
    }

    /**
     * Tokens are JWTs because the SDK reads their {@code exp} claim to know when to refresh. The
     * expiry follows the wall clock (the SDK compares it with real time), not simulated time.
     */
    private static String jwt(String audience, String grantType, String scope) {
        long now = Instant.now().getEpochSecond();
        ObjectNode payload = Json.object();
        payload.put("jti", UUID.randomUUID().toString());
        payload.put("sub", "sim-principal");
        payload.put("nbf", now - 60);
        payload.put("iat", now);
        payload.put("exp", now + 3 * 3600);
        payload.put("iss", "Azure Container Registry");
        payload.put("aud", audience);
        payload.put("version", "1.0");
        payload.put("grant_type", grantType);
        if (scope != null) {
            payload.put("scope", scope);
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(Json.bytes(payload)) + "." + b64.encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    }
}
