package dev.chat.notifier.webhooks;

import com.standardwebhooks.Webhook;
import dev.chat.notifier.rules.WebhookRetries;
import dev.chat.servicekit.KafkaTraces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attempts the webhook deliveries that are due, on any instance: claims each (a lease), checks its endpoint
 * is still there, enabled and allowed (the destination guard again), POSTs the body signed the Standard
 * Webhooks way — {@code webhook-id} (the event id, the same on every retry), {@code webhook-timestamp},
 * {@code webhook-signature} with one {@code v1,…} per current secret — and records what follows
 * ({@link WebhookRetries}): delivered, retry later, endpoint disabled (410) or dead letter.
 */
class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Duration LEASE = TIMEOUT.plusSeconds(15);
    private static final int PER_ROUND = 100;

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final DestinationGuard guard;
    private final Clock clock;
    private final MeterRegistry meters;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final KafkaTraces traces;

    WebhookDispatcher(WebhookEndpoints endpoints, WebhookDeliveries deliveries, DestinationGuard guard, Clock clock,
            MeterRegistry meters, KafkaTraces traces) {
        this.traces = traces;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.guard = guard;
        this.clock = clock;
        this.meters = meters;
    }

    void dispatchDue() {
        Instant now = clock.instant();
        for (WebhookDeliveries.Delivery delivery : deliveries.due(now, PER_ROUND)) {
            if (deliveries.claim(delivery, now.plus(LEASE))) {
                try {
                    // A span continuing the trace of the event's cause, when that one was sampled.
                    traces.inSpan("chat.notify.webhook", delivery.traceparent(), () -> {
                        attempt(delivery);
                        return null;
                    });
                } catch (RuntimeException e) {
                    log.warn("Webhook delivery {} failed: {}", delivery.id(), e.toString());
                }
            }
        }
    }

    private void attempt(WebhookDeliveries.Delivery delivery) {
        Instant at = clock.instant();
        Optional<WebhookEndpoint> endpoint = endpoints.get(delivery.endpointId());
        if (endpoint.isEmpty() || endpoint.get().disabledReason() != null) {
            deliveries.attempted(delivery, at, "dropped", null, 0);
            outcome("dropped");
            return;
        }
        Optional<String> refused = guard.problem(endpoint.get().url());
        int status = refused.isPresent() ? 0 : post(endpoint.get(), delivery, at);
        Instant first = delivery.firstAttemptAt() != null ? delivery.firstAttemptAt() : at;
        WebhookRetries.Next next = WebhookRetries.after(delivery.attempts() + 1, status, first, at,
                ThreadLocalRandom.current().nextDouble());
        if (next instanceof WebhookRetries.Next.Delivered) {
            deliveries.attempted(delivery, at, "delivered", null, status);
            outcome("delivered");
        } else if (next instanceof WebhookRetries.Next.Retry retry) {
            deliveries.attempted(delivery, at, WebhookDeliveries.PENDING, retry.at(), status);
            outcome("retry");
        } else if (next instanceof WebhookRetries.Next.Disable disable) {
            endpoints.disable(endpoint.get().id(), disable.reason());
            deliveries.attempted(delivery, at, "dropped", null, status);
            outcome("disabled");
        } else {
            deliveries.attempted(delivery, at, "dead", null, status);
            log.warn("Webhook delivery {} is a dead letter: {}", delivery.id(),
                    ((WebhookRetries.Next.DeadLetter) next).reason());
            outcome("dead-letter");
        }
    }

    /** The answer's status, or 0 when there was none (refused, timed out, unreachable). */
    private int post(WebhookEndpoint endpoint, WebhookDeliveries.Delivery delivery, Instant at) {
        long timestamp = at.getEpochSecond();
        String signatures = endpoint.secretsAt(at).stream()
                .map(secret -> sign(secret, delivery, timestamp)).collect(Collectors.joining(" "));
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url())).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "chat-platform-webhooks/1")
                .header("webhook-id", delivery.eventId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signatures)
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body())).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static String sign(String secret, WebhookDeliveries.Delivery delivery, long timestamp) {
        try {
            return new Webhook(secret).sign(delivery.eventId(), timestamp, delivery.body());
        } catch (Exception e) {
            throw new IllegalStateException("could not sign a webhook", e);
        }
    }

    private void outcome(String outcome) {
        Counter.builder("chat.notify.webhook.attempts").tag("outcome", outcome)
                .description("webhook attempts by outcome (dead-letter: retries exhausted)").register(meters)
                .increment();
    }
}
