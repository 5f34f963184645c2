package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/** A request as the route handlers see it: decoded path, query, headers, body and path parameters. */
final class SimRequest {
    final String method;
    final String path;
    final Map<String, String> query;
    final Map<String, List<String>> headers;
    final byte[] body;
    final String host;
    Matcher params;

    SimRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.path = path;
        this.query = parseForm(rawQuery);
        this.headers = headers;
        this.body = body;
        String h = header("Host");
        this.host = h == null ? "localhost" : h;
    }

    String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    String param(String name) {
        return params.group(name);
    }

    String optionalParam(String name) {
        try {
            return params.group(name);
        } catch (IllegalArgumentException noSuchGroup) {
            return null;
        }
    }

    JsonNode json() {
        return Json.parse(body);
    }

    Map<String, String> form() {
        return parseForm(new String(body, StandardCharsets.UTF_8));
    }

    /** Host name without the port, lower case. */
    String hostName() {
        String h = host;
        if (h.startsWith("[")) {
            return h.substring(0, h.indexOf(']') + 1);
        }
        int colon = h.indexOf(':');
        return (colon < 0 ? h : h.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    static Map<String, String> parseForm(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }
}
