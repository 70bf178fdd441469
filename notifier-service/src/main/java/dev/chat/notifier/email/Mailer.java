package dev.chat.notifier.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends one composed email over SMTP: plain text and HTML alternatives, and the one-click unsubscribe headers
 * of RFC 8058 ({@code List-Unsubscribe} with the HTTPS link, {@code List-Unsubscribe-Post}).
 */
final class Mailer {

    private final JavaMailSender sender;
    private final String from;

    Mailer(JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    /** The message could not be built for the mail server (nothing went out). */
    static final class NotSent extends RuntimeException {
        NotSent(MessagingException cause) {
            super(cause.getMessage(), cause);
        }
    }

    void send(Digest digest, EmailComposer.Parts parts) {
        try {
            sendChecked(digest, parts);
        } catch (MessagingException e) {
            throw new NotSent(e);
        }
    }

    private void sendChecked(Digest digest, EmailComposer.Parts parts) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        try {
            helper.setFrom(new InternetAddress(from, "Chat", "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        helper.setTo(digest.to());
        helper.setSubject(parts.subject());
        helper.setText(parts.text(), parts.html());
        message.setHeader("List-Unsubscribe", "<" + digest.unsubscribeUrl() + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.setHeader("Auto-Submitted", "auto-generated");
        sender.send(message);
    }
}
