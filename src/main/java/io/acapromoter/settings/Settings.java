package io.acapromoter.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The app settings the code reads, by name. Every name here is listed in
 * {@code local.settings.sample.json} and in the Function App's settings in {@code infra/}
 * (a test keeps the three in step). Secrets arrive as Key Vault references in Azure.
 */
public record Settings(Map<String, String> values) {

    /** Path of the promotion file; default {@code promotion.yaml} in the app root. */
    public static final String CONFIG = "PROMOTER_CONFIG";
    /** Durable task hub name (host.json reads it as {@code %PROMOTER_TASK_HUB%}). */
    public static final String TASK_HUB = "PROMOTER_TASK_HUB";
    /** Base URL of the Function App for approval links, e.g. {@code https://app.azurewebsites.net}. */
    public static final String PUBLIC_BASE_URL = "PROMOTER_PUBLIC_BASE_URL";
    /** HMAC key of approval links (secret). */
    public static final String APPROVAL_KEY = "PROMOTER_APPROVAL_KEY";
    /** The previous HMAC key, accepted during a rotation (secret, may be empty). */
    public static final String APPROVAL_KEY_PREVIOUS = "PROMOTER_APPROVAL_KEY_PREVIOUS";
    /** Teams Workflows webhook URL (secret). */
    public static final String TEAMS_WEBHOOK_URL = "PROMOTER_TEAMS_WEBHOOK_URL";
    /** Azure Communication Services endpoint for e-mail, empty when e-mail is off. */
    public static final String EMAIL_ENDPOINT = "PROMOTER_EMAIL_ENDPOINT";
    /** Sender address for e-mail. */
    public static final String EMAIL_SENDER = "PROMOTER_EMAIL_SENDER";
    /** Table Storage endpoint of the audit table. */
    public static final String AUDIT_TABLE_ENDPOINT = "PROMOTER_AUDIT_TABLE_ENDPOINT";
    /** Name of the audit table. */
    public static final String AUDIT_TABLE = "PROMOTER_AUDIT_TABLE";
    /** NCRONTAB schedule of the vulnerability sweep (read by the timer binding). */
    public static final String SWEEP_SCHEDULE = "PROMOTER_SWEEP_SCHEDULE";
    /** Azure Resource Manager endpoint. */
    public static final String ARM_ENDPOINT = "PROMOTER_ARM_ENDPOINT";
    /** Subscriptions the vulnerability sweep queries in Resource Graph, comma-separated. */
    public static final String RESOURCE_GRAPH_SUBSCRIPTIONS = "PROMOTER_RESOURCE_GRAPH_SUBSCRIPTIONS";
    /**
     * What the sign-in app registration puts in tokens as group claims ({@code groupMembershipClaims}:
     * {@code None}, {@code SecurityGroup}, {@code All}, …). Group approvers need one that emits groups.
     */
    public static final String AUTH_GROUP_CLAIMS = "PROMOTER_AUTH_GROUP_CLAIMS";
    /** Client id of the user-assigned managed identity ({@code DefaultAzureCredential} reads it too). */
    public static final String AZURE_CLIENT_ID = "AZURE_CLIENT_ID";

    public Settings {
        values = Map.copyOf(values);
    }

    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    public String getOrDefault(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    /** A comma-separated setting as a list, blank entries dropped; empty when unset. */
    public List<String> list(String name) {
        return get(name).stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::strip)
                .filter(v -> !v.isEmpty()).toList();
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException("app setting " + name + " is not set"));
    }
}
