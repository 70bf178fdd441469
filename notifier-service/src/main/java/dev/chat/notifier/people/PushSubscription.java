package dev.chat.notifier.people;

import java.time.Instant;

/**
 * A browser's push subscription ({@code PushSubscriptionJSON}): where its push service takes messages, and the
 * keys the payload is encrypted to (RFC 8291): {@code p256dh} (the browser's P-256 public key) and {@code auth}.
 */
public record PushSubscription(String id, String userId, String endpoint, String p256dh, String auth,
        Instant expirationTime, Instant createdAt) {
}
