package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code configuration.registries} of apps and jobs (RegistryCredentials: server, identity, or
 * username + passwordSecretRef to an entry of {@code configuration.secrets}). Secret values are
 * never returned by GET, as in Azure.
 */
final class RegistryCredentials {

    static final String PASSWORD_SECRET = "registry-password";

    private RegistryCredentials() {
    }

    /** New apps and jobs pull their image's registry with the system-assigned identity (the recommended set-up). */
    static void pullWithSystemIdentity(ObjectNode configuration, String image) {
        int slash = image.indexOf('/');
        if (slash > 0 && image.substring(0, slash).contains(".")) {
            set(configuration, image.substring(0, slash), "system", null);
        }
    }

    /** Sets the credential for {@code server}: an identity, or (when {@code identity} is null) a user name and password secret. */
    static void set(ObjectNode configuration, String server, String identity, String username) {
        ArrayNode registries = configuration.has("registries") && configuration.get("registries").isArray()
                ? (ArrayNode) configuration.get("registries") : configuration.putArray("registries");
        for (int i = registries.size() - 1; i >= 0; i--) {
            JsonNode r = registries.get(i);
            if (server.equalsIgnoreCase(r.path("server").asText())) {
                registries.remove(i);
            }
        }
        ObjectNode entry = registries.addObject();
        entry.put("server", server);
        if (identity != null) {
            entry.put("identity", identity);
        } else {
            entry.put("username", username);
            entry.put("passwordSecretRef", PASSWORD_SECRET);
            ArrayNode secrets = configuration.has("secrets") && configuration.get("secrets").isArray()
                    ? (ArrayNode) configuration.get("secrets") : configuration.putArray("secrets");
            boolean present = false;
            for (JsonNode s : secrets) {
                present |= PASSWORD_SECRET.equals(s.path("name").asText());
            }
            if (!present) {
                secrets.addObject().put("name", PASSWORD_SECRET);
            }
        }
    }
}
