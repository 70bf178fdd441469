package dev.chat.notifier.push;

import dev.chat.notifier.people.PushSubscription;
import dev.chat.notifier.people.PushSubscriptions;

import com.interaso.webpush.WebPush;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * One Web Push message to one subscription (RFC 8030, 8291, 8292): the payload encrypted to the browser's keys
 * ({@code aes128gcm}), the VAPID JWT (12 h) in {@code Authorization}, {@code TTL} 24 h, {@code Urgency}, and
 * {@code Topic} = the conversation (hashed to the 32 URL-safe characters the header allows), so a newer push of
 * the same conversation replaces one the device has not shown yet.
 */
final class PushSender {

    /** A message still undelivered after this long is dropped by the push service: old news. */
    static final int TTL_SECONDS = (int) dev.chat.notifier.rules.NotificationRules.PUSH_LIFETIME.toSeconds();
    /** RFC 8291: 4,096 bytes of record, less the header, padding and tag: the most plaintext one push carries. */
    static final int MAX_PAYLOAD = 3993;

    /** A VAPID JWT is good for 12 h: one per push service origin, signed again after an hour (ES256 is not free). */
    private static final long TOKEN_REUSE_MILLIS = 3_600_000;

    private final WebPush webPush;
    private final java.util.Map<String, Token> tokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    PushSender(WebPush webPush) {
        this.webPush = webPush;
    }

    /** The push service's answer: 201 taken, 404/410 the subscription is gone, others failures; 0 no answer. */
    int send(PushSubscription subscription, String payload, String conversationId, boolean urgent) {
        byte[] plain = payload.getBytes(StandardCharsets.UTF_8);
        if (plain.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a push payload of " + plain.length + " bytes is over " + MAX_PAYLOAD);
        }
        Base64.Decoder base64 = Base64.getUrlDecoder();
        byte[] body = webPush.getBody(plain, base64.decode(subscription.p256dh()), base64.decode(subscription.auth()));
        Map<String, String> headers = webPush.getHeadersWithToken(token(subscription.endpoint()), TTL_SECONDS,
                topic(conversationId), urgent ? WebPush.Urgency.High : WebPush.Urgency.Normal);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(subscription.endpoint()))
                .timeout(Duration.ofSeconds(15)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private record Token(String jwt, long signedAt) {
    }

    /** The VAPID JWT for the push service of {@code endpoint} (its origin is the JWT's audience). */
    private String token(String endpoint) {
        String audience = webPush.getAudience(endpoint);
        long now = System.currentTimeMillis();
        Token token = tokens.compute(audience, (a, held) -> held != null && now - held.signedAt() < TOKEN_REUSE_MILLIS
                ? held : new Token(webPush.getToken(a, 12 * 3600), now));
        return token.jwt();
    }

    /** RFC 8030 §5.4: at most 32 characters of the URL-safe base64 alphabet. */
    static String topic(String conversationId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(conversationId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
