package dev.chat.bench;

import dev.chat.contracts.ChatJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * A device on the gateway's Socket.IO endpoint over the WebSocket transport, or HTTP long-polling
 * ({@link EngineIoPolling}) (Engine.IO 4, Socket.IO 5), as a
 * socket.io-client would be: the token in the CONNECT packet, {@code join}, sends emitted with an ack (whose
 * answer, REST's body, is the acknowledgement), pings answered. The original app's {@code newMessage} has no
 * clientMessageId or version, so the tool puts the clientMessageId at the start of the content and reads it back;
 * a pair's messages are numbered in the order sent, which stands in for the version.
 */
final class SocketIoDevice implements Device, WebSocket.Listener {

    private final Inbox inbox;
    private final String userId;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicLong acks = new AtomicLong();
    private final Map<Long, String> awaiting = new ConcurrentHashMap<>();
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private volatile WebSocket socket;
    /** The long-polling transport instead of the socket, for polling clients. */
    private volatile EngineIoPolling polling;

    private SocketIoDevice(Inbox inbox, String userId) {
        this.inbox = inbox;
        this.userId = userId;
    }

    /** Connects, sends CONNECT with the token and {@code join}; completes once the gateway said {@code ready}. */
    static CompletableFuture<SocketIoDevice> connect(HttpClient http, URI gateway, String userId, String token,
            Inbox inbox) {
        SocketIoDevice device = new SocketIoDevice(inbox, userId);
        URI ws = URI.create(gateway.toString().replaceFirst("^http", "ws") + "/socket.io/?EIO=4&transport=websocket");
        return http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(ws, device)
                .thenCompose(socket -> {
                    device.socket = socket;
                    return device.sendText("40" + ChatJson.mapper().writeValueAsString(Map.of("token", token)));
                })
                .thenCompose(sent -> device.ready)
                .thenApply(ok -> device);
    }

    /** The same, over HTTP long-polling only (a client with {@code transports: ["polling"]}). */
    static CompletableFuture<SocketIoDevice> connectPolling(HttpClient http, URI gateway, String userId, String token,
            Inbox inbox) {
        SocketIoDevice device = new SocketIoDevice(inbox, userId);
        return EngineIoPolling.open(http, gateway, device::received,
                        () -> device.ready.completeExceptionally(new IllegalStateException("session closed")))
                .thenCompose(polling -> {
                    device.polling = polling;
                    return device.sendText("40" + ChatJson.mapper().writeValueAsString(Map.of("token", token)));
                })
                .thenCompose(sent -> device.ready)
                .thenApply(ok -> device);
    }

    @Override
    public void send(String receiverId, String clientMessageId, String content) {
        long id = acks.incrementAndGet();
        awaiting.put(id, clientMessageId);
        sendText("42" + id + "[\"sendMessage\"," + Device.sendData(receiverId, clientMessageId,
                clientMessageId + " " + content) + "]");
    }

    /** The JDK client allows one outstanding send per socket: chain them. */
    private synchronized CompletableFuture<?> sendText(String text) {
        if (polling != null) {
            return polling.send(text);
        }
        sending = sending.handle((ok, e) -> null).thenCompose(ignored -> socket.sendText(text, true));
        return sending;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            long arrived = System.nanoTime();
            String packet = partial.toString();
            partial.setLength(0);
            received(packet, arrived);
        }
        webSocket.request(1);
        return null;
    }

    private void received(String packet, long arrived) {
        if (packet.equals("2")) {
            sendText("3");
        } else if (packet.startsWith("40")) {
            sendText("42[\"join\"," + ChatJson.mapper().writeValueAsString(userId) + "]");
        } else if (packet.startsWith("44")) {
            ready.completeExceptionally(new IllegalStateException("refused: " + packet));
        } else if (packet.startsWith("43")) {
            int bracket = packet.indexOf('[');
            String clientMessageId = awaiting.remove(Long.parseLong(packet.substring(2, bracket)));
            JsonNode answer = ChatJson.mapper().readTree(packet.substring(bracket)).get(0);
            if (answer.path("success").asBoolean(false)) {
                JsonNode message = answer.path("message");
                inbox.accept(new Inbound("messageSent", clientMessageId, message.path("version").asLong(0), null),
                        arrived);
            } else {
                inbox.accept(new Inbound("messageError", clientMessageId, 0, answer.path("message").asString(null)),
                        arrived);
            }
        } else if (packet.startsWith("42")) {
            JsonNode event = ChatJson.mapper().readTree(packet.substring(2));
            String name = event.path(0).asString("");
            JsonNode data = event.path(1);
            switch (name) {
                case "ready" -> ready.complete(null);
                case "newMessage" -> {
                    String content = data.path("content").asString("");
                    int space = content.indexOf(' ');
                    String clientMessageId = space < 0 ? null : content.substring(0, space);
                    inbox.accept(new Inbound("newMessage", clientMessageId, order(clientMessageId), null), arrived);
                }
                case "messageSent" -> { } // the ack answered already
                default -> inbox.accept(Inbound.of(name, data), arrived);
            }
        }
    }

    /** A message's place in its pair's order: the number the tool gave it (clientMessageId {@code <run>-<n>}), + 1. */
    private static long order(String clientMessageId) {
        if (clientMessageId == null) {
            return 0;
        }
        int dash = clientMessageId.lastIndexOf('-');
        try {
            return Long.parseLong(clientMessageId.substring(dash + 1)) + 1;
        } catch (NumberFormatException e) {
            return 0;
        }
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
        if (polling != null) {
            polling.close();
        }
        WebSocket current = socket;
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "benchmark done").exceptionally(e -> null);
        }
    }
}
