package dev.chat.gateway.realtime;

import dev.chat.gateway.GatewayProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Which connections this gateway takes now. A connection is admitted if the gateway is not draining, holds
 * fewer than {@code maxConnections}, has fewer than {@code startsInFlight} session starts under way (admitted,
 * {@code ready} not yet sent), and its handshake bucket ({@code handshakesPerSecond}, {@code handshakeBurst})
 * has a token. Otherwise it is refused before anything is allocated for it, with a {@link Refused#retryAfter()}
 * spread at random over {@code retryAfterMax} so that refused clients do not come back together. A connect storm
 * is thus met with fast 503s instead of exhausting the heap, and the starts admitted finish in time.
 */
@Component
class Admission {

    /** Why a connection was refused (the {@code reason} tag of {@code chat.admission.refused}). */
    enum Reason {
        DRAINING("the gateway is shutting down; connect again (another gateway will take you)"),
        CONNECTIONS("the gateway holds as many connections as it may; retry later"),
        STARTS("the gateway is starting as many sessions as it can; retry shortly"),
        RATE("too many connections at once; retry shortly");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        String message() {
            return message;
        }
    }

    /** The answer to a connection: a ticket to hold while it lives, or a refusal. */
    sealed interface Decision permits Ticket, Refused {
    }

    /** Refused: why, and when to try again. */
    record Refused(Reason reason, Duration retryAfter) implements Decision {

        /** What the client is told. */
        String message() {
            return reason.message();
        }
    }

    /**
     * An admitted connection's place: its session start counts until {@link #started()} (the {@code ready}
     * frame) or {@link #closed()}, the connection until {@link #closed()}. Both idempotent.
     */
    final class Ticket implements Decision {
        private final AtomicBoolean starting = new AtomicBoolean(true);
        private final AtomicBoolean open = new AtomicBoolean(true);
        private final AtomicBoolean claimed = new AtomicBoolean();

        /** The connection's handler holds it from now on (and closes it). */
        Ticket claim() {
            claimed.set(true);
            return this;
        }

        /** The handshake ended before a handler held the ticket (it failed, or the client went away). */
        void unclaimed() {
            if (!claimed.get()) {
                closed();
            }
        }

        void started() {
            if (starting.compareAndSet(true, false)) {
                startsInFlight.decrementAndGet();
            }
        }

        void closed() {
            started();
            if (open.compareAndSet(true, false)) {
                connections.decrementAndGet();
            }
        }
    }

    /** The exchange (and WebSocket session) attribute that carries a connection's {@link Ticket}. */
    static final String TICKET = Admission.class.getName() + ".ticket";

    private final GatewayProperties.Admission settings;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger startsInFlight = new AtomicInteger();
    private final Map<Reason, Counter> refusals = new EnumMap<>(Reason.class);
    private final double tokensPerNano;
    private double tokens;
    private long refilledAt = System.nanoTime();
    private volatile boolean draining;

    Admission(GatewayProperties properties, MeterRegistry meters) {
        this.settings = properties.admission();
        this.tokensPerNano = settings.handshakesPerSecond() / 1e9;
        this.tokens = settings.handshakeBurst();
        Gauge.builder("chat.connections", connections, AtomicInteger::get)
                .description("WebSocket and RSocket connections held by this gateway").register(meters);
        Gauge.builder("chat.session.starts.in.flight", startsInFlight, AtomicInteger::get)
                .description("connections admitted whose session has not yet sent ready").register(meters);
        for (Reason reason : Reason.values()) {
            refusals.put(reason, Counter.builder("chat.admission.refused").tag("reason", reason.name().toLowerCase())
                    .description("connections refused at the handshake").register(meters));
        }
    }

    /** Admits a connection (the caller must close its ticket when it ends) or says why not. */
    Decision admit() {
        Reason refused = check();
        if (refused != null) {
            refusals.get(refused).increment();
            return new Refused(refused, retryAfter());
        }
        return new Ticket();
    }

    private Reason check() {
        if (draining) {
            return Reason.DRAINING;
        }
        if (connections.incrementAndGet() > settings.maxConnections()) {
            connections.decrementAndGet();
            return Reason.CONNECTIONS;
        }
        if (startsInFlight.incrementAndGet() > settings.startsInFlight()) {
            startsInFlight.decrementAndGet();
            connections.decrementAndGet();
            return Reason.STARTS;
        }
        if (!takeToken()) {
            startsInFlight.decrementAndGet();
            connections.decrementAndGet();
            return Reason.RATE;
        }
        return null;
    }

    private synchronized boolean takeToken() {
        long now = System.nanoTime();
        tokens = Math.min(settings.handshakeBurst(), tokens + (now - refilledAt) * tokensPerNano);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** From now on every connection is refused: the gateway is stopping. */
    void drain() {
        draining = true;
    }

    /**
     * Connections are taken again: the real-time side started (again). A lifecycle may be stopped and started in one
     * process — Spring's test framework pauses the contexts it caches between test classes — and a gateway that came
     * back must not refuse everyone as if it were still stopping.
     */
    void open() {
        draining = false;
    }

    /** Between one second and {@code retryAfterMax}, at random (whole seconds, as {@code Retry-After} has them). */
    Duration retryAfter() {
        long most = Math.max(1, settings.retryAfterMax().toSeconds());
        return Duration.ofSeconds(1 + ThreadLocalRandom.current().nextLong(most));
    }

    /** A delay for one drained client to reconnect after: spread at random over {@code drainSpread}. */
    Duration reconnectDelay() {
        long window = settings.drainSpread().toMillis();
        return Duration.ofMillis(window <= 0 ? 0 : ThreadLocalRandom.current().nextLong(window + 1));
    }

    int connections() {
        return connections.get();
    }
}
