package io.acapromoter.azure;

import com.azure.communication.email.EmailClient;
import com.azure.communication.email.EmailClientBuilder;
import com.azure.communication.email.models.EmailMessage;
import com.azure.communication.email.models.EmailSendResult;
import com.azure.communication.email.models.EmailSendStatus;
import com.azure.core.credential.TokenCredential;
import com.azure.core.util.polling.SyncPoller;
import io.acapromoter.ports.EmailSender;
import io.acapromoter.ports.OutgoingEmail;
import io.acapromoter.settings.Settings;

import java.time.Duration;
import java.util.Objects;

/**
 * {@link EmailSender} on Azure Communication Services Email. Engagement tracking is turned off:
 * it would rewrite the approval links through a tracking redirect.
 */
public final class AcsEmailSender implements EmailSender {

    static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final EmailClient client;

    public AcsEmailSender(EmailClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** On {@link Settings#EMAIL_ENDPOINT} with {@code credential} (the managed identity in Azure). */
    public static AcsEmailSender create(String endpoint, TokenCredential credential) {
        return new AcsEmailSender(new EmailClientBuilder().endpoint(endpoint).credential(credential).buildClient());
    }

    @Override
    public void send(OutgoingEmail email) {
        EmailMessage message = new EmailMessage()
                .setSenderAddress(email.from())
                .setToRecipients(email.to())
                .setSubject(email.subject())
                .setBodyHtml(email.html())
                .setBodyPlainText(email.text())
                .setUserEngagementTrackingDisabled(true);
        SyncPoller<EmailSendResult, EmailSendResult> poller = client.beginSend(message);
        EmailSendResult result = poller.waitForCompletion(SEND_TIMEOUT).getValue();
        if (result == null || !EmailSendStatus.SUCCEEDED.equals(result.getStatus())) {
            String status = result == null ? "unknown" : String.valueOf(result.getStatus());
            String code = result == null || result.getError() == null ? "" : " (" + result.getError().getCode() + ")";
            throw new IllegalStateException("Azure Communication Services did not deliver the e-mail to " + email.to()
                    + ": status " + status + code);
        }
    }
}
