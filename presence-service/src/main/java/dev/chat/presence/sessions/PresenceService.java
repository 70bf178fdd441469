package dev.chat.presence.sessions;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.PresenceChanged;
import dev.chat.contracts.PresenceSignal;
import dev.chat.presence.PresenceProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * Owns the tracker: signals (listener thread) and the sweep (scheduler thread) take turns, and changes
 * are handed to the producer in the order they were decided, so one user's presence records never
 * overtake each other.
 */
@Service
public class PresenceService {

    private static final Logger log = LoggerFactory.getLogger(PresenceService.class);

    private final PresenceTracker tracker;
    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventCodec codec;
    private final Clock clock;

    PresenceService(PresenceProperties properties, KafkaTemplate<String, byte[]> kafka, CloudEventCodec codec) {
        this.codec = codec;
        this.tracker = new PresenceTracker(properties.sessionExpiry(), properties.grace());
        this.kafka = kafka;
        this.clock = Clock.systemUTC();
    }

    /** Applies a signal and waits until the changes it caused are stored in Kafka. */
    void apply(PresenceSignal signal) {
        CompletableFuture<?> published;
        synchronized (tracker) {
            published = publish(tracker.apply(signal, clock.instant()));
        }
        published.join();
    }

    /** Expires what is due; run every {@code sweepInterval} (see PresenceConfiguration). */
    public void sweep() {
        CompletableFuture<?> published;
        synchronized (tracker) {
            published = publish(tracker.tick(clock.instant()));
        }
        try {
            published.join();
        } catch (RuntimeException e) {
            // The tracker has moved on; the next change of these users will be published again.
            log.warn("Could not publish presence changes: {}", e.getMessage());
        }
    }

    void restoreOnline(String userId, Instant lastSeen) {
        synchronized (tracker) {
            tracker.restoreOnline(userId, lastSeen, clock.instant());
        }
    }

    void forget(Predicate<String> userIds) {
        synchronized (tracker) {
            tracker.forget(userIds);
        }
    }

    private CompletableFuture<?> publish(List<PresenceChanged> changes) {
        // Called under the lock: send order is decision order.
        return CompletableFuture.allOf(changes.stream()
                .peek(change -> log.debug("{} is now {}", change.userId(), change.online() ? "online" : "offline"))
                .map(change -> kafka.send(codec.presence(change)))
                .toArray(CompletableFuture[]::new));
    }
}
