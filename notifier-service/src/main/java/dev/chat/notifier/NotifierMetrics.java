package dev.chat.notifier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;

/**
 * The notifier's metrics, registered at start with every outcome at zero (so a dashboard and an alert see a
 * series before the first notification): {@code chat_notify_notifications_total{channel, outcome}},
 * {@code chat_notify_webhook_attempts_total{outcome}}; the dispatchers add to them, and register
 * {@code chat_notify_due_to_sent_seconds{channel}}, {@code chat_notify_webhook_deliveries{state}} and
 * {@code chat_notify_pending} themselves.
 */
final class NotifierMetrics {

    static final Map<String, List<String>> NOTIFICATION_OUTCOMES = Map.of(
            "email", List.of("sent", "skipped", "failed", "unknown"),
            "push", List.of("sent", "expired", "failed", "no-subscription"));
    static final List<String> WEBHOOK_OUTCOMES = List.of("delivered", "retry", "disabled", "dead-letter", "dropped");

    private NotifierMetrics() {
    }

    static void register(MeterRegistry meters) {
        NOTIFICATION_OUTCOMES.forEach((channel, outcomes) -> outcomes.forEach(outcome ->
                Counter.builder("chat.notify.notifications").tag("channel", channel).tag("outcome", outcome)
                        .description("notifications by channel and outcome").register(meters)));
        WEBHOOK_OUTCOMES.forEach(outcome -> Counter.builder("chat.notify.webhook.attempts").tag("outcome", outcome)
                .description("webhook attempts by outcome (dead-letter: retries exhausted)").register(meters));
    }
}
