package dev.chat.gateway.realtime;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.Ids;
import dev.chat.contracts.PresenceSignal;
import dev.chat.contracts.SessionClosed;
import dev.chat.contracts.SessionOpened;
import dev.chat.contracts.SessionsHeartbeat;
import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.receipts.DeliveredMessage;
import dev.chat.gateway.receipts.DeliveryReceipts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * This instance's sessions per user — the only place sessions are registered — and what presence-service
 * must hear about them: each open and close, and a periodic heartbeat of the sessions still held.
 */
@Component
class SessionRegistry {

    private static final Logger log = LoggerFactory.getLogger(SessionRegistry.class);

    private final String gatewayId;
    private final int sessionBuffer;
    private final int maxSessionsPerUser;
    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventCodec codec;
    private final DeliveryReceipts receipts;
    private final Map<String, Set<Session>> sessionsByUser = new ConcurrentHashMap<>();

    SessionRegistry(GatewayProperties properties, KafkaTemplate<String, byte[]> kafka, CloudEventCodec codec,
            DeliveryReceipts receipts, MeterRegistry meters) {
        this.codec = codec;
        this.receipts = receipts;
        // Unique per start: sessions of a previous incarnation must expire, not be mistaken for these.
        this.gatewayId = properties.instanceId() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.sessionBuffer = properties.realtime().sessionBuffer();
        this.maxSessionsPerUser = properties.realtime().maxSessionsPerUser();
        Gauge.builder("chat.sessions", this, SessionRegistry::count).description("sessions held by this gateway")
                .register(meters);
        this.kafka = kafka;
    }

    String gatewayId() {
        return gatewayId;
    }

    /**
     * A device connected and authenticated. Its stream starts with {@link StreamStarter#start}.
     *
     * @throws SessionLimitException if the user already holds {@code max-sessions-per-user} sessions here
     */
    Session open(String userId) {
        Session session = new Session(UUID.randomUUID().toString(), userId, sessionBuffer,
                (message, receiverId) -> receipts.delivered(DeliveredMessage.of(message), receiverId));
        // compute(): atomic with close() removing a user's last session and the user's entry with it.
        sessionsByUser.compute(userId, (id, sessions) -> {
            Set<Session> all = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
            if (all.size() >= maxSessionsPerUser) {
                throw new SessionLimitException(maxSessionsPerUser);
            }
            all.add(session);
            return all;
        });
        signal(new SessionOpened(session.id(), userId, gatewayId, Instant.now()));
        return session;
    }

    void close(Session session) {
        session.disconnected();
        boolean[] removed = {false};
        sessionsByUser.computeIfPresent(session.userId(), (id, sessions) -> {
            removed[0] = sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
        if (removed[0]) {
            signal(new SessionClosed(session.id(), session.userId(), gatewayId, Instant.now()));
        }
    }

    /**
     * An orderly shutdown drains every session — a last frame says when to reconnect, each client its own delay
     * so that they do not all come back at once — and closes it, so their users do not wait for expiry to go
     * offline.
     */
    void drainAll(String reason, LongSupplier reconnectAfterMs) {
        sessionsByUser.values().forEach(sessions -> sessions.forEach(session -> {
            session.drain(reason, reconnectAfterMs.getAsLong());
            signal(new SessionClosed(session.id(), session.userId(), gatewayId, Instant.now()));
        }));
        sessionsByUser.clear();
        kafka.flush();
    }

    Set<Session> sessionsOf(String userId) {
        return sessionsByUser.getOrDefault(userId, Set.of());
    }

    boolean hasSessions(String userId) {
        return !sessionsOf(userId).isEmpty();
    }

    /**
     * Whether a record keyed by this conversation may be for a session here. A direct conversation's id
     * names its participants, so most records are skipped without being decoded; others are decoded.
     */
    boolean concernsLocalSessions(String conversationId) {
        List<String> direct = Ids.directParticipants(conversationId);
        return direct.isEmpty() || direct.stream().anyMatch(this::hasSessions);
    }

    int count() {
        return sessionsByUser.values().stream().mapToInt(Set::size).sum();
    }

    void heartbeat() {
        sessionsByUser.forEach((userId, sessions) -> {
            List<String> ids = sessions.stream().map(Session::id).toList();
            if (!ids.isEmpty()) {
                long activeAt = sessions.stream().mapToLong(Session::activeAt).max().orElse(0);
                signal(new SessionsHeartbeat(userId, gatewayId, ids, Instant.now(), Instant.ofEpochMilli(activeAt)));
            }
        });
    }

    private void signal(PresenceSignal signal) {
        kafka.send(codec.presenceSignal(signal, Instant.now())).whenComplete((result, e) -> {
            if (e != null) {
                log.warn("Could not publish {}: {}", signal, e.toString());
            }
        });
    }
}
