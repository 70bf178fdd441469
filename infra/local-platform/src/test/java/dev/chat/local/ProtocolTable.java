package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.ChatJson;
import dev.chat.testkit.ChatRSocket;
import dev.chat.testkit.ChatSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.springframework.messaging.rsocket.RSocketRequester;
import tools.jackson.databind.JsonNode;

/**
 * One table of send cases through REST, {@code /ws}, RSocket and Socket.IO: every protocol must give the same
 * answer — stored, duplicate, or refused with the same words. Each protocol's user is its own, so the
 * cases do not share conversations, dedupe or rate buckets.
 */
final class ProtocolTable {

    /** What a protocol answered, reduced to what must agree: stored / duplicate / refused, and why. */
    record Answer(String kind, String message) {

        static Answer stored() {
            return new Answer("stored", null);
        }

        static Answer duplicate() {
            return new Answer("duplicate", null);
        }

        static Answer refused(String message) {
            return new Answer("refused", message);
        }
    }

    /** A case: what the sender sends, in order (the last one is judged), and the answer expected. */
    record Case(String name, List<Map<String, Object>> sends, Answer expected) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String http;
    private final String ws;
    private final String rsocketHost;
    private final int rsocketPort;
    private final Function<String, String> tokens;
    private final List<AutoCloseable> clients = new ArrayList<>();

    ProtocolTable(String http, String ws, String rsocketHost, int rsocketPort, Function<String, String> tokens) {
        this.http = http;
        this.ws = ws;
        this.rsocketHost = rsocketHost;
        this.rsocketPort = rsocketPort;
        this.tokens = tokens;
    }

    /** Runs every case over every protocol; returns, per case, what each protocol answered. */
    Map<String, Map<String, Answer>> run(List<Case> cases) throws Exception {
        Map<String, Map<String, Answer>> answers = new LinkedHashMap<>();
        try {
            int n = 0;
            for (Case c : cases) {
                n++;
                Map<String, Answer> byProtocol = new LinkedHashMap<>();
                byProtocol.put("rest", rest(user("rest", n), c.sends()));
                byProtocol.put("ws", ws(user("ws", n), c.sends()));
                byProtocol.put("rsocket", rsocket(user("rs", n), c.sends()));
                byProtocol.put("socketio", socketIo(user("sio", n), c.sends()));
                answers.put(c.name(), byProtocol);
            }
        } finally {
            for (AutoCloseable client : clients) {
                client.close();
            }
        }
        return answers;
    }

    private static String user(String protocol, int n) {
        return "table-" + protocol + "-" + n + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    private Answer rest(String user, List<Map<String, Object>> sends) throws IOException, InterruptedException {
        String token = tokens.apply(user);
        Answer answer = null;
        for (Map<String, Object> send : sends) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(http + "/api/messages/send"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(ChatJson.mapper().writeValueAsString(resolve(send, user))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = ChatJson.mapper().readTree(response.body());
            answer = response.statusCode() == 201
                    ? (body.path("duplicate").asBoolean() ? Answer.duplicate() : Answer.stored())
                    : Answer.refused(body.path("message").asString());
        }
        return answer;
    }

    private Answer ws(String user, List<Map<String, Object>> sends) {
        ChatSocket socket = ChatSocket.connect(ws, tokens.apply(user)).send("join", Map.of());
        clients.add(socket);
        socket.await("ready");
        Map<String, Integer> sentWithId = new LinkedHashMap<>();
        JsonNode answer = null;
        for (Map<String, Object> send : sends) {
            Map<String, Object> data = resolve(send, user);
            String clientMessageId = (String) data.computeIfAbsent("clientMessageId", key -> user + "-" + sentWithId.size());
            int nth = sentWithId.merge(clientMessageId, 1, Integer::sum);
            socket.send("sendMessage", data);
            // The nth answer (messageSent or messageError) about this clientMessageId answers the nth send.
            answer = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> socket.frames().stream()
                    .filter(f -> List.of("messageSent", "messageError").contains(f.path("event").asString()))
                    .filter(f -> clientMessageId.equals(f.at("/data/clientMessageId").asString()))
                    .toList(), answers -> answers.size() >= nth).get(nth - 1);
        }
        return answer.path("event").asString().equals("messageSent")
                ? (answer.at("/data/duplicate").asBoolean() ? Answer.duplicate() : Answer.stored())
                : Answer.refused(answer.at("/data/message").asString());
    }

    private Answer rsocket(String user, List<Map<String, Object>> sends) {
        RSocketRequester requester = ChatRSocket.overTcp(rsocketHost, rsocketPort, tokens.apply(user));
        clients.add(requester::dispose);
        Answer answer = null;
        for (Map<String, Object> send : sends) {
            try {
                JsonNode message = ChatRSocket.tree(requester.route("chat.send").data(ChatRSocket.json(resolve(send, user)))
                        .retrieveMono(String.class).block(Duration.ofSeconds(30)));
                answer = message.path("duplicate").asBoolean() ? Answer.duplicate() : Answer.stored();
            } catch (RuntimeException e) {
                answer = Answer.refused(e.getMessage());
            }
        }
        return answer;
    }

    /** The Java Socket.IO client, over WebSocket: each send emitted with an ack, which answers what REST would. */
    private Answer socketIo(String user, List<Map<String, Object>> sends) throws Exception {
        io.socket.client.IO.Options options = io.socket.client.IO.Options.builder()
                .setTransports(new String[] {io.socket.engineio.client.transports.WebSocket.NAME})
                .setReconnection(false).setAuth(Map.of("token", tokens.apply(user))).build();
        io.socket.client.Socket socket = io.socket.client.IO.socket(URI.create(http), options);
        clients.add(socket::close);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.on(io.socket.client.Socket.EVENT_CONNECT, args -> {
            socket.emit("join", user);
            connected.complete(null);
        });
        socket.on(io.socket.client.Socket.EVENT_CONNECT_ERROR,
                args -> connected.completeExceptionally(new IllegalStateException(String.valueOf(args[0]))));
        socket.connect();
        connected.get(30, TimeUnit.SECONDS);
        Answer answer = null;
        for (Map<String, Object> send : sends) {
            CompletableFuture<org.json.JSONObject> ack = new CompletableFuture<>();
            socket.emit("sendMessage", new Object[] {new org.json.JSONObject(resolve(send, user))},
                    args -> ack.complete((org.json.JSONObject) args[0]));
            org.json.JSONObject body = ack.get(30, TimeUnit.SECONDS);
            answer = body.optBoolean("success")
                    ? (body.optBoolean("duplicate") ? Answer.duplicate() : Answer.stored())
                    : Answer.refused(body.optString("message"));
        }
        return answer;
    }

    /** {@code $me} in a value stands for the sending user. */
    private static Map<String, Object> resolve(Map<String, Object> send, String user) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        send.forEach((key, value) -> resolved.put(key, value instanceof String text ? text.replace("$me", user) : value));
        return resolved;
    }

    static void assertAgree(Map<String, Map<String, Answer>> answers, List<Case> cases) {
        for (Case c : cases) {
            assertThat(answers.get(c.name())).as(c.name())
                    .containsEntry("rest", c.expected())
                    .containsEntry("ws", c.expected())
                    .containsEntry("rsocket", c.expected())
                    .containsEntry("socketio", c.expected());
        }
    }
}
