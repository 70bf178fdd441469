package dev.chat.notifier.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A registered receiver: its URL, the CloudEvents types it wants (empty: all), its signing secrets (the newest
 * first; an older one is kept for a day after a rotation, so receivers can switch without missing a
 * signature), when it was registered (it receives what happens from then on) and whether it was disabled.
 */
record WebhookEndpoint(String id, String url, Set<String> eventTypes, List<Secret> secrets, Instant createdAt,
        String disabledReason) {

    /** A secret in the Standard Webhooks format ({@code whsec_} and base64); null {@code expiresAt}: current. */
    record Secret(String value, Instant expiresAt) {
    }

    boolean wants(String type, Instant occurredAt) {
        return disabledReason == null && !occurredAt.isBefore(createdAt)
                && (eventTypes.isEmpty() || eventTypes.contains(type));
    }

    List<String> secretsAt(Instant now) {
        return secrets.stream().filter(s -> s.expiresAt() == null || s.expiresAt().isAfter(now))
                .map(Secret::value).toList();
    }
}
