package io.acapromoter.ports;

import java.util.Objects;

/**
 * One e-mail to one person.
 *
 * @param from    sender address
 * @param to      recipient address
 * @param subject subject line (no line breaks)
 * @param html    HTML body, every value escaped
 * @param text    plain-text body
 */
public record OutgoingEmail(String from, String to, String subject, String html, String text) {

    public OutgoingEmail {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
        subject = subject.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
    }

    /** Without the bodies, which hold links. */
    @Override
    public String toString() {
        return "OutgoingEmail[to=" + to + ", subject=" + subject + "]";
    }
}
