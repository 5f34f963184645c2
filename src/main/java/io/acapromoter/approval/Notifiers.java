package io.acapromoter.approval;

import io.acapromoter.ports.EmailSender;
import io.acapromoter.settings.Settings;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Builds the notifier the app settings ask for: Teams and/or e-mail, retried through a {@link CompositeNotifier}. */
public final class Notifiers {

    /** Link lifetime when a status has no deadline yet. */
    public static final Duration LINK_FALLBACK = Duration.ofHours(72);

    private Notifiers() {
    }

    /**
     * Teams when {@link Settings#TEAMS_WEBHOOK_URL} is set, e-mail when {@link Settings#EMAIL_ENDPOINT} is set
     * (sender {@link Settings#EMAIL_SENDER}, required then).
     *
     * @param emailSender builds the sender for the ACS endpoint (e.g. {@code endpoint -> AcsEmailSender.create(endpoint, credential)})
     */
    public static CompositeNotifier fromSettings(Settings settings, ApprovalLinks links, HttpClient http,
                                                 Function<String, EmailSender> emailSender) {
        List<CompositeNotifier.Channel> channels = new ArrayList<>();
        settings.get(Settings.TEAMS_WEBHOOK_URL).ifPresent(url -> channels.add(new CompositeNotifier.Channel(
                TeamsWebhookNotifier.CHANNEL, new TeamsWebhookNotifier(parseSecretUrl(url), http, links, LINK_FALLBACK))));
        settings.get(Settings.EMAIL_ENDPOINT).ifPresent(endpoint -> channels.add(new CompositeNotifier.Channel(
                EmailNotifier.CHANNEL, new EmailNotifier(emailSender.apply(endpoint), settings.require(Settings.EMAIL_SENDER),
                links, LINK_FALLBACK), true)));
        if (channels.isEmpty()) {
            throw new IllegalStateException("no approval channel is configured: set " + Settings.TEAMS_WEBHOOK_URL
                    + " and/or " + Settings.EMAIL_ENDPOINT);
        }
        return CompositeNotifier.of(channels);
    }

    /** Parses the webhook URL without ever echoing it: it carries a signature. */
    static URI parseSecretUrl(String url) {
        try {
            return URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("app setting " + Settings.TEAMS_WEBHOOK_URL + " is not a valid URL");
        }
    }
}
