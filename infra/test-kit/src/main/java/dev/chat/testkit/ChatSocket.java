package dev.chat.testkit;

import dev.chat.contracts.ChatJson;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.awaitility.Awaitility;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import tools.jackson.databind.JsonNode;

/**
 * A real WebSocket client (Reactor Netty) for the gateway's {@code /ws} endpoint: sends JSON frames,
 * records every frame received, and waits for the ones a test expects.
 */
public final class ChatSocket implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.One<Closed> closeStatus = Sinks.one();

    /** How the socket ended: the close frame's code and reason, or -1 and the error if it failed. */
    public record Closed(int code, String reason) {
    }
    private final Disposable connection;
    private volatile boolean connected;

    private ChatSocket(String url, String authorization, int maxFrame) {
        HttpClient client = HttpClient.create()
                .headers(headers -> {
                    if (authorization != null) {
                        headers.add(HttpHeaderNames.AUTHORIZATION, authorization);
                    }
                });
        connection = client.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(maxFrame).build())
                .uri(url)
                .handle((in, out) -> {
                    connected = true;
                    in.receiveCloseStatus().subscribe(status -> closeStatus.tryEmitValue(
                            new Closed(status.code(), status.reasonText())));
                    in.receive().asString().subscribe(text -> received.add(ChatJson.mapper().readTree(text)));
                    // Closing from this side: a close frame (1000), then the server's close ends the connection.
                    return out.sendString(outbound.asFlux()).then(out.sendClose(1000, "client closed"))
                            .then(in.receiveCloseStatus().then());
                })
                .subscribe(null, error -> closeStatus.tryEmitValue(new Closed(-1, error.toString())));
    }

    /** Connects with the token in the Authorization header. */
    public static ChatSocket connect(String baseWsUrl, String token) {
        return new ChatSocket(baseWsUrl, token == null ? null : "Bearer " + token, 1 << 20).awaitConnected();
    }

    /** Connects with this exact {@code Authorization} header value (to try other schemes than Bearer). */
    public static ChatSocket connectWithAuthorization(String url, String authorization) {
        return new ChatSocket(url, authorization, 1 << 20).awaitConnected();
    }

    /** Connects without a header; the URL may carry {@code ?token=} and {@code cursor=}. */
    public static ChatSocket connectTo(String url) {
        return new ChatSocket(url, null, 1 << 20).awaitConnected();
    }

    private ChatSocket awaitConnected() {
        Awaitility.await().atMost(TIMEOUT).until(() -> connected || closeStatus.asMono().toFuture().isDone());
        return this;
    }

    /** A frame's data from key/value pairs; unlike {@code Map.of}, values may be null (as malformed frames have). */
    public static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            data.put((String) pairs[i], pairs[i + 1]);
        }
        return data;
    }

    public ChatSocket send(String event, Object data) {
        return sendRaw(ChatJson.mapper().writeValueAsString(Map.of("event", event, "data", data)));
    }

    public ChatSocket sendRaw(String text) {
        outbound.tryEmitNext(text);
        return this;
    }

    /** Every frame received so far, in order. */
    public List<JsonNode> frames() {
        return new ArrayList<>(received);
    }

    public List<JsonNode> frames(String event) {
        return received.stream().filter(f -> event.equals(f.path("event").asString())).toList();
    }

    /** Waits for a frame of this event whose data matches; returns it. */
    public JsonNode await(String event, Predicate<JsonNode> data) {
        return Awaitility.await().atMost(TIMEOUT).until(() -> frames(event).stream()
                        .filter(f -> data.test(f.path("data"))).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    public JsonNode await(String event) {
        return await(event, data -> true);
    }

    /** The cursor of the latest frame that carried one. */
    public String lastCursor() {
        List<JsonNode> frames = frames();
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (frames.get(i).hasNonNull("cursor")) {
                return frames.get(i).get("cursor").asString();
            }
        }
        return null;
    }

    public Closed awaitClosed() {
        return closeStatus.asMono().block(TIMEOUT);
    }

    /** Closes as a browser does: a close frame, the server's answer (waited for, briefly), then the connection. */
    @Override
    public void close() {
        outbound.tryEmitComplete();
        if (connected) {
            closeStatus.asMono().timeout(Duration.ofSeconds(5), reactor.core.publisher.Mono.empty())
                    .onErrorResume(e -> reactor.core.publisher.Mono.empty()).block();
        }
        connection.dispose();
    }
}
