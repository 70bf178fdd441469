package dev.chat.notifier;

import dev.chat.notifier.rules.Timings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * notifier-service settings ({@code chat.notify.*}; environment variables in the README).
 *
 * @param pushDelay        a push waits this long for the message to be read elsewhere ({@code CHAT_NOTIFY_PUSH_DELAY})
 * @param emailDelay       what "after-delay" emails wait ({@code CHAT_NOTIFY_EMAIL_DELAY})
 * @param emailMinInterval at most one email per user this often ({@code CHAT_NOTIFY_EMAIL_MIN_INTERVAL})
 * @param activeWindow     online and did something within this long: active, no push
 * @param maxAge           a message older than this when first seen (a replay into an empty store) notifies nobody
 * @param dispatchInterval how often due notifications are looked for
 * @param emailLease       how long one instance holds a user's email while sending it
 * @param mailFrom         the emails' sender address ({@code CHAT_MAIL_FROM})
 * @param publicUrl        where users reach the platform: the app link and the unsubscribe link ({@code CHAT_PUBLIC_URL})
 * @param secret           signs unsubscribe tokens; at least 32 characters ({@code CHAT_NOTIFY_SECRET})
 * @param webhookAllowPrivate webhooks to loopback, private and link-local addresses, and over plain http
 *                         ({@code CHAT_WEBHOOK_ALLOW_PRIVATE}; the local platform turns it on); also push
 *                         endpoints over plain http to this machine (a local fake push service)
 * @param pushContent      {@code full}: a push shows the sender and text; {@code none}: ids and counts only
 *                         ({@code CHAT_PUSH_CONTENT})
 * @param vapidPublicKey   the VAPID public key (uncompressed P-256 point, base64url), with the private key; unset:
 *                         a pair generated once and kept ({@code CHAT_VAPID_PUBLIC_KEY})
 * @param vapidPrivateKey  the VAPID private key (base64url) ({@code CHAT_VAPID_PRIVATE_KEY})
 * @param vapidSubject     who push services can contact about this server: {@code mailto:} or {@code https:}
 *                         ({@code CHAT_VAPID_SUBJECT})
 */
@ConfigurationProperties("chat.notify")
public record NotifierProperties(
        @DefaultValue("15s") Duration pushDelay,
        @DefaultValue("10m") Duration emailDelay,
        @DefaultValue("15m") Duration emailMinInterval,
        @DefaultValue("2m") Duration activeWindow,
        @DefaultValue("1d") Duration maxAge,
        @DefaultValue("1s") Duration dispatchInterval,
        @DefaultValue("2m") Duration emailLease,
        @DefaultValue("notifications@chat.localhost") String mailFrom,
        @DefaultValue("http://localhost:8080") String publicUrl,
        String secret,
        @DefaultValue("false") boolean webhookAllowPrivate,
        @DefaultValue("full") PushContent pushContent,
        String vapidPublicKey,
        String vapidPrivateKey,
        @DefaultValue("mailto:notifications@chat.localhost") String vapidSubject) {

    /** What a push carries. */
    public enum PushContent {
        FULL, NONE
    }

    public Timings timings() {
        return new Timings(pushDelay, emailDelay, emailMinInterval, activeWindow, maxAge);
    }
}
