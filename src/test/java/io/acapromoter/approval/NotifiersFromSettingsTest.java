package io.acapromoter.approval;

import io.acapromoter.ports.OutgoingEmail;
import io.acapromoter.settings.Settings;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotifiersFromSettingsTest {

    final ApprovalLinks links = new ApprovalLinks(SigningKeys.of(ApprovalLinksTest.KEY), "https://promoter.example.net",
            new MutableClock(Instant.parse("2026-11-23T12:00:00Z")));

    @Test
    void fromSettings_withoutAnyChannelFailsNamingTheSettings() {
        assertThatThrownBy(() -> Notifiers.fromSettings(new Settings(Map.of()), links, HttpClient.newHttpClient(), e -> m -> {
        })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Settings.TEAMS_WEBHOOK_URL).hasMessageContaining(Settings.EMAIL_ENDPOINT);
    }

    @Test
    void fromSettings_withEmailSendsThroughTheGivenSenderFromTheConfiguredAddress() {
        List<OutgoingEmail> sent = new ArrayList<>();
        List<String> endpoints = new ArrayList<>();
        CompositeNotifier notifier = Notifiers.fromSettings(new Settings(Map.of(
                        Settings.EMAIL_ENDPOINT, "https://acs.example.communication.azure.com",
                        Settings.EMAIL_SENDER, "DoNotReply@contoso.com")), links, HttpClient.newHttpClient(),
                endpoint -> {
                    endpoints.add(endpoint);
                    return sent::add;
                });

        notifier.requestApproval(Fixtures.awaiting(List.of()));

        assertThat(endpoints).containsExactly("https://acs.example.communication.azure.com");
        assertThat(sent).extracting(OutgoingEmail::from).containsOnly("DoNotReply@contoso.com");
    }

    @Test
    void fromSettings_badWebhookUrlFailsWithoutEchoingIt() {
        assertThatThrownBy(() -> Notifiers.fromSettings(new Settings(Map.of(Settings.TEAMS_WEBHOOK_URL,
                "https://prod.example/workflows?sig=SECRET value")), links, HttpClient.newHttpClient(), e -> m -> {
        })).hasMessageContaining(Settings.TEAMS_WEBHOOK_URL).message().doesNotContain("SECRET");
    }
}
