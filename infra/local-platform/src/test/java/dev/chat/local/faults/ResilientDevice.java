package dev.chat.local.faults;

import dev.chat.contracts.ChatJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A chat client that outlives its gateway, as the README's resume contract asks of one: it keeps the
 * latest cursor, and when its socket drops (the gateway was killed, restarted or refused it) it connects
 * to the next gateway of its list and sends {@code resume {cursor}}. Every frame is handed to its
 * {@link Listener} in the order the gateways sent it.
 */
public final class ResilientDevice implements WebSocket.Listener, AutoCloseable {

    private static final Duration RECONNECT_AFTER = Duration.ofMillis(250);

    /** What the device tells its owner. Called on the socket's thread, one call at a time. */
    public interface Listener {

        /** The stream runs (again): sends may go out. */
        void ready(ResilientDevice device);

        /** Any other frame (the {@code ready} frame is not repeated here). */
        void frame(ResilientDevice device, JsonNode frame);
    }

    private final String userId;
    private final String token;
    private final List<URI> gateways;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    private final StringBuilder partial = new StringBuilder();
    private final AtomicInteger streams = new AtomicInteger();
    private int nextGateway;
    private String cursor;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private volatile WebSocket socket;
    private volatile boolean ready;
    private volatile boolean closed;

    /**
     * @param gateways  the {@code ws://…/ws} endpoints, the first one tried first
     */
    public ResilientDevice(String userId, String token, List<URI> gateways, int firstGateway, HttpClient http,
            ScheduledExecutorService scheduler, Listener listener) {
        this.userId = userId;
        this.token = token;
        this.gateways = List.copyOf(gateways);
        this.nextGateway = firstGateway;
        this.http = http;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    public String userId() {
        return userId;
    }

    public boolean isReady() {
        return ready;
    }

    /** How many times its stream started: 1 plus every resume after a drop. */
    public int streams() {
        return streams.get();
    }

    public synchronized ResilientDevice connect() {
        if (closed) {
            return this;
        }
        URI gateway = gateways.get(nextGateway % gateways.size());
        http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(gateway, this)
                .whenComplete((opened, failure) -> {
                    if (failure != null) {
                        dropped(null);
                    } else {
                        start(opened);
                    }
                });
        return this;
    }

    private synchronized void start(WebSocket opened) {
        socket = opened;
        sending = CompletableFuture.completedFuture(null);
        send(cursor == null ? "{\"event\":\"join\",\"data\":{}}"
                : ChatJson.mapper().writeValueAsString(java.util.Map.of("event", "resume",
                        "data", java.util.Map.of("cursor", cursor))));
    }

    /** Sends a frame if the stream runs; false if it does not (the caller keeps it for later). */
    public boolean sendWhenReady(String frame) {
        return ready && send(frame);
    }

    /** The JDK client allows one outstanding send per socket: chain them. */
    private synchronized boolean send(String frame) {
        WebSocket current = socket;
        if (current == null) {
            return false;
        }
        sending = sending.handle((ok, e) -> null).thenCompose(ignored -> current.sendText(frame, true));
        return true;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode frame = ChatJson.mapper().readTree(partial.toString());
            partial.setLength(0);
            if (frame.hasNonNull("cursor")) {
                cursor = frame.get("cursor").asString();
            }
            if ("ready".equals(frame.path("event").asString())) {
                ready = true;
                streams.incrementAndGet();
                listener.ready(this);
            } else {
                listener.frame(this, frame);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        dropped(webSocket);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        dropped(webSocket);
    }

    /** The socket is gone (or never came): try the next gateway shortly. */
    private synchronized void dropped(WebSocket which) {
        if (which != null && which != socket) {
            return;
        }
        ready = false;
        socket = null;
        partial.setLength(0);
        nextGateway++;
        if (!closed) {
            scheduler.schedule(this::connect, RECONNECT_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        ready = false;
        WebSocket current = socket;
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
        }
    }
}
