package dev.chat.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A device on the gateway's JSON-over-WebSocket endpoint ({@code /ws}), with the JDK's own WebSocket
 * client: authenticates with the header, starts its stream with {@code join}, and is ready when the
 * gateway says {@code ready}.
 */
final class WsDevice implements Device, WebSocket.Listener {

    private final Inbox inbox;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private volatile WebSocket socket;

    private WsDevice(Inbox inbox) {
        this.inbox = inbox;
    }

    /** Connects and starts the stream; completes once the gateway sent {@code ready}. */
    static CompletableFuture<WsDevice> connect(HttpClient http, URI gateway, String token, Inbox inbox) {
        WsDevice device = new WsDevice(inbox);
        URI ws = URI.create(gateway.toString().replaceFirst("^http", "ws") + "/ws");
        return http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(ws, device)
                .thenCompose(socket -> {
                    device.socket = socket;
                    return device.sendText("{\"event\":\"join\",\"data\":{}}");
                })
                .thenCompose(sent -> device.ready)
                .thenApply(ok -> device);
    }

    @Override
    public void send(String receiverId, String clientMessageId, String content) {
        sendText("{\"event\":\"sendMessage\",\"data\":" + Device.sendData(receiverId, clientMessageId, content) + "}");
    }

    /** The JDK client allows one outstanding send per socket: chain them. */
    private synchronized CompletableFuture<?> sendText(String text) {
        sending = sending.handle((ok, e) -> null).thenCompose(ignored -> socket.sendText(text, true));
        return sending;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            long arrived = System.nanoTime();
            Inbound frame = Inbound.parse(partial.toString());
            partial.setLength(0);
            if (frame.event().equals("ready")) {
                ready.complete(null);
            } else {
                inbox.accept(frame, arrived);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ready.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ready.completeExceptionally(error);
    }

    @Override
    public void close() {
        WebSocket current = socket;
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "benchmark done").exceptionally(e -> null);
        }
    }
}
