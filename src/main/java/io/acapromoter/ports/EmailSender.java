package io.acapromoter.ports;

/**
 * Sends one e-mail. Implemented on Azure Communication Services in {@code io.acapromoter.azure},
 * and by fakes in tests. Throws on failure; the message must not contain the recipient's links.
 */
public interface EmailSender {

    void send(OutgoingEmail email);
}
