package dev.chat.bench;

import dev.chat.contracts.ChatJson;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import tools.jackson.databind.JsonNode;

/**
 * A listening {@code /ws} client that outlives its gateway, as the README asks of every client: it keeps the
 * latest cursor; when its connection ends it waits — the gateway's {@code reconnect} delay if it gave one, else
 * full jitter (random up to 0.5 s, doubling per failed attempt, at most 30 s), as the web client does — then
 * connects to the next gateway of its list and resumes from the cursor. It counts each {@code newMessage} by
 * its clientMessageId, so a message delivered twice shows.
 */
final class ResilientSession {

    static final long BASE_DELAY_MS = 500;
    static final long MAX_DELAY_MS = 30_000;

    private final String userId;
    private final String token;
    private final List<URI> gateways;
    private final InetSocketAddress source;
    private final ScheduledExecutorService timer;
    private final Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
    private final Map<String, Long> onlineSeenAt = new ConcurrentHashMap<>();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger reloads = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile int gateway;
    private volatile String cursor;
    private volatile Long hintMs;
    private volatile boolean ready;
    private volatile long readyAt;
    private volatile boolean closed;
    private volatile Disposable connection;

    ResilientSession(String userId, String token, List<URI> gateways, int firstGateway, InetSocketAddress source,
            ScheduledExecutorService timer) {
        this.userId = userId;
        this.token = token;
        this.gateways = gateways;
        this.gateway = firstGateway;
        this.source = source;
        this.timer = timer;
    }

    String userId() {
        return userId;
    }

    int gateway() {
        return gateway;
    }

    boolean ready() {
        return ready;
    }

    /** When the stream last became ready (nanoTime). */
    long readyAt() {
        return readyAt;
    }

    /** When each message (by clientMessageId) first arrived (nanoTime). */
    Map<String, Long> deliveredAt() {
        return deliveredAt;
    }

    /** When each contact was first seen online in a {@code presence} frame (nanoTime), by user id. */
    Map<String, Long> onlineSeenAt() {
        return onlineSeenAt;
    }

    int duplicates() {
        return duplicates.get();
    }

    /** Handshakes refused (503) on the way back. */
    int refusals() {
        return refusals.get();
    }

    /** Times the gateway could not replay from the cursor (the client must reload its state). */
    int reloads() {
        return reloads.get();
    }

    int attempts() {
        return attempts.get();
    }

    void connect() {
        attempts.incrementAndGet();
        String url = gateways.get(gateway).toString().replaceFirst("^http", "ws") + "/ws";
        String start = cursor == null ? "{\"event\":\"join\",\"data\":{}}"
                : "{\"event\":\"resume\",\"data\":{\"cursor\":\"" + cursor + "\"}}";
        connection = HttpClient.newConnection()
                .bindAddress(() -> source)
                .headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token))
                .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(1 << 20).build())
                .uri(url)
                .handle((in, out) -> out.sendString(Mono.just(start)).then()
                        .then(in.receive().asString().doOnNext(this::onFrame).then()))
                .subscribe(null, e -> {
                    if (String.valueOf(e.getMessage()).contains("503")) {
                        refusals.incrementAndGet();
                    }
                    dropped();
                }, this::dropped);
    }

    private void onFrame(String text) {
        JsonNode frame = ChatJson.mapper().readTree(text);
        String event = frame.path("event").asString("");
        if (frame.hasNonNull("cursor")) {
            cursor = frame.get("cursor").asString();
        }
        switch (event) {
            case "ready" -> {
                readyAt = System.nanoTime();
                ready = true;
                attempts.set(0);
            }
            case "newMessage" -> {
                String id = frame.path("data").path("clientMessageId").asString(null);
                if (id != null && deliveredAt.putIfAbsent(id, System.nanoTime()) != null) {
                    duplicates.incrementAndGet();
                }
            }
            case "presence" -> {
                JsonNode presence = frame.path("data");
                if (presence.path("online").asBoolean(false)) {
                    onlineSeenAt.putIfAbsent(presence.path("userId").asString(""), System.nanoTime());
                }
            }
            case "reconnect" -> hintMs = frame.path("data").path("retryAfterMs").asLong();
            case "reload" -> reloads.incrementAndGet();
            default -> {
            }
        }
    }

    private synchronized void dropped() {
        ready = false;
        if (closed) {
            return;
        }
        Long hint = hintMs;
        hintMs = null;
        long ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS << Math.min(attempts.get(), 16));
        long delay = hint != null ? hint : ThreadLocalRandom.current().nextLong(ceiling);
        gateway = (gateway + 1) % gateways.size();
        timer.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    void close() {
        closed = true;
        Disposable current = connection;
        if (current != null) {
            current.dispose();
        }
    }
}
