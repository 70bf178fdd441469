package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import dev.chat.contracts.ChatJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Socket.IO on the gateway, end to end: the npm {@code socket.io-client} at the original app's version (4.8.1) and
 * the newest 4.8.x run the original's flow ({@code src/test/node/socketio-flow.mjs}) with its options, the
 * clients' defaults and polling only; and the Engine.IO / Socket.IO protocol test suites' cases, rewritten here
 * against the endpoint with plain HTTP and WebSocket. Two gateways, as without sticky sessions: a session's
 * requests may reach either. The ping interval is one second, so heartbeats show in seconds.
 */
@SharedPlatforms.Shared(SharedPlatforms.Shape.TWO_GATEWAYS)
class SocketIoEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PING_INTERVAL = SharedPlatforms.SOCKETIO_PING_INTERVAL;
    private static LocalPlatform platform;
    private static RestClient rest;
    private static Path clients;

    @BeforeAll
    static void start() {
        platform = SharedPlatforms.platform();
        rest = new RestClient(base());
    }

    private static String base() {
        return base(0);
    }

    private static String base(int gateway) {
        return "http://localhost:" + platform.gatewayPort(gateway);
    }

    /** The npm clients, installed once from the committed lock file (skipped where npm cannot install them). */
    private static synchronized Path npmClients() throws Exception {
        if (clients == null) {
            Path source = TestPlatforms.REPO.resolve("infra/local-platform/src/test/node");
            Path target = TestPlatforms.REPO.resolve("infra/local-platform/target/socketio-clients");
            Files.createDirectories(target);
            for (String file : List.of("package.json", "package-lock.json", "socketio-flow.mjs")) {
                Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!Files.isDirectory(target.resolve("node_modules/socket.io-client-4.8.1"))) {
                Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                        .directory(target.toFile()).redirectErrorStream(true).start();
                String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                boolean done = install.waitFor(180, TimeUnit.SECONDS);
                Assumptions.assumeTrue(done && install.exitValue() == 0, "npm could not install the Socket.IO clients: "
                        + output);
            }
            clients = target;
        }
        return clients;
    }

    @ParameterizedTest(name = "socket.io-client {0}, transports {1}, gateways {2}")
    @CsvSource({"4.8.1, original, 1", "4.8.x, original, 1", "4.8.x, default, 1", "4.8.1, polling, 1",
            "4.8.1, default, 2", "4.8.x, polling, 2"})
    void theOriginalAppsFlowWorksWithTheNpmClient(String version, String transports, int gateways) throws Exception {
        Assumptions.assumeTrue(commandExists("node") && commandExists("npm"), "node and npm are needed");
        Path dir = npmClients();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alice = "sio-alice-" + suffix;
        String bob = "sio-bob-" + suffix;
        // Two gateways: through a round-robin balancer without sticky sessions (in the script).
        String bases = gateways == 1 ? base() : base(0) + "," + base(1);
        Process flow = new ProcessBuilder("node", "socketio-flow.mjs", "socket.io-client-" + version, bases, transports,
                alice, rest.token(alice), bob, rest.token(bob)).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(flow.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(flow.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as(output).contains("PASSED").doesNotContain("FAILED");
        assertThat(flow.exitValue()).isZero();
    }

    /** An independent implementation: the Java client (io.socket 2.1), over WebSocket, the basic flow. */
    @Test
    void javasSocketIoClientDoesTheBasicFlow() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String erin = "sio-erin-" + suffix;
        String finn = "sio-finn-" + suffix;
        List<org.json.JSONObject> erinGot = new CopyOnWriteArrayList<>();
        List<org.json.JSONObject> finnGot = new CopyOnWriteArrayList<>();
        io.socket.client.Socket sender = javaClient(erin, "messageSent", erinGot);
        io.socket.client.Socket receiver = javaClient(finn, "newMessage", finnGot);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> sender.connected() && receiver.connected());
            sender.emit("sendMessage", new org.json.JSONObject(Map.of("receiverId", finn, "content", "hello from Java",
                    "type", "text")));
            await().atMost(Duration.ofSeconds(30)).until(() -> !erinGot.isEmpty() && !finnGot.isEmpty());
            assertThat(erinGot.get(0).getString("content")).isEqualTo("hello from Java");
            assertThat(finnGot.get(0).getJSONObject("sender").getString("_id")).isEqualTo(erin);
            assertThat(finnGot.get(0).getJSONObject("receiver").getString("_id")).isEqualTo(finn);
            CompletableFuture<org.json.JSONObject> ack = new CompletableFuture<>();
            receiver.emit("markAsRead", new Object[] {new org.json.JSONObject(Map.of("conversationId",
                    finnGot.get(0).getString("conversation")))}, args -> ack.complete((org.json.JSONObject) args[0]));
            assertThat(ack.get(30, TimeUnit.SECONDS).getBoolean("success")).isTrue();
        } finally {
            sender.close();
            receiver.close();
        }
    }

    private static io.socket.client.Socket javaClient(String user, String event, List<org.json.JSONObject> got) {
        io.socket.client.IO.Options options = io.socket.client.IO.Options.builder()
                .setTransports(new String[] {io.socket.engineio.client.transports.WebSocket.NAME})
                .setAuth(Map.of("token", rest.token(user))).build();
        io.socket.client.Socket socket = io.socket.client.IO.socket(URI.create(base()), options);
        socket.on(io.socket.client.Socket.EVENT_CONNECT, args -> socket.emit("join", user));
        socket.on(event, args -> got.add((org.json.JSONObject) args[0]));
        socket.connect();
        return socket;
    }

    // --- the Engine.IO protocol test suite's cases ---

    @Test
    void aPollingHandshakeGivesTheSessionAndItsSettings() throws Exception {
        HttpResponse<String> open = get("?EIO=4&transport=polling");
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).startsWith("0");
        JsonNode handshake = ChatJson.mapper().readTree(open.body().substring(1));
        assertThat(names(handshake)).containsExactlyInAnyOrder("sid", "upgrades", "pingInterval", "pingTimeout",
                "maxPayload");
        assertThat(handshake.at("/upgrades/0").asString()).isEqualTo("websocket");
        assertThat(handshake.at("/pingInterval").asLong()).isEqualTo(PING_INTERVAL.toMillis());
    }

    @Test
    void badVersionsTransportsMethodsAndSessionsAre400() throws Exception {
        assertThat(get("?transport=polling").statusCode()).isEqualTo(400);
        assertThat(get("?EIO=3&transport=polling").statusCode()).isEqualTo(400);
        assertThat(get("?EIO=4").statusCode()).isEqualTo(400);
        assertThat(get("?EIO=4&transport=carrier-pigeon").statusCode()).isEqualTo(400);
        assertThat(post("?EIO=4&transport=polling", "40").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = get("?EIO=4&transport=polling&sid=nope");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Session ID unknown");
    }

    @Test
    void theServerPingsAndAnUnansweredPingEndsTheSession() throws Exception {
        String sid = pollingSession();
        // The poll waits for the next packet: the ping, one interval after the handshake.
        assertThat(poll(sid)).isEqualTo("2");
        assertThat(post(sid, "3").body()).isEqualTo("ok");
        assertThat(poll(sid)).isEqualTo("2");
        // No pong this time: past the timeout the session is gone.
        await().atMost(Duration.ofSeconds(10)).until(() -> get("?EIO=4&transport=polling&sid=" + sid).statusCode() == 400);
    }

    @Test
    void socketIoConnectsOverPollingWithBatchedPacketsAndAcks() throws Exception {
        String sid = pollingSession();
        String token = rest.token("sio-carol");
        // Two packets in one body: the CONNECT and an event that wants ack 7.
        assertThat(post(sid, "40{\"token\":\"" + token + "\"}\u001e427[\"markAsRead\",{\"conversationId\":\"nope\"}]")
                .body()).isEqualTo("ok");
        List<String> received = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            received.addAll(List.of(poll(sid).split("\u001e")));
            return received.stream().anyMatch(p -> p.startsWith("437["));
        });
        assertThat(received.get(0)).startsWith("40{\"sid\":");
        String ack = received.stream().filter(p -> p.startsWith("437[")).findFirst().orElseThrow();
        JsonNode answer = ChatJson.mapper().readTree(ack.substring(3)).get(0);
        assertThat(answer.at("/success").asBoolean()).isFalse();
        assertThat(answer.at("/message").asString()).contains("conversation");
    }

    @Test
    void otherNamespacesAndMissingTokensAreRefusedWithAReason() throws Exception {
        String sid = pollingSession();
        post(sid, "40/admin,{}");
        assertThat(poll(sid)).startsWith("44/admin,{\"message\":");
        post(sid, "40{}");
        String refused = poll(sid);
        assertThat(refused).startsWith("44{");
        assertThat(ChatJson.mapper().readTree(refused.substring(2)).at("/message").asString()).contains("token");
    }

    @Test
    void aSecondPollAtOnceAndAMalformedPacketEndTheSession() throws Exception {
        String sid = pollingSession();
        // Whichever arrives second: it is refused, and the one that waited is told the session closed.
        List<CompletableFuture<HttpResponse<String>>> polls = List.of(
                HTTP.sendAsync(request("?EIO=4&transport=polling&sid=" + sid).GET().build(),
                        HttpResponse.BodyHandlers.ofString()),
                HTTP.sendAsync(request("?EIO=4&transport=polling&sid=" + sid).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
        List<String> answers = new java.util.ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> poll : polls) {
            HttpResponse<String> answer = poll.get(10, TimeUnit.SECONDS);
            answers.add(answer.statusCode() + (answer.statusCode() == 200 ? ":" + answer.body() : ""));
        }
        assertThat(answers).containsExactlyInAnyOrder("200:1", "400");
        assertThat(get("?EIO=4&transport=polling&sid=" + sid).statusCode()).isEqualTo(400);

        String other = pollingSession();
        assertThat(post(other, "abc").statusCode()).isEqualTo(400);
        assertThat(get("?EIO=4&transport=polling&sid=" + other).statusCode()).isEqualTo(400);
    }

    @Test
    void pollingUpgradesToWebSocketWithTheProbe() throws Exception {
        String sid = pollingSession();
        CompletableFuture<HttpResponse<String>> waiting = HTTP.sendAsync(request("?EIO=4&transport=polling&sid=" + sid)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        Frames socket = Frames.open(URI.create(base().replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket&sid="
                + sid));
        socket.send("2probe");
        assertThat(socket.next()).isEqualTo("3probe");
        // The poll that waited is released — with a noop, or (the ping comes every second here, and a slow machine
        // may get there first) with a ping, answered over polling so the session lives on — and the upgrade completes.
        String released = waiting.get(10, TimeUnit.SECONDS).body();
        assertThat(released).isIn("6", "2");
        if (released.equals("2")) {
            assertThat(post(sid, "3").statusCode()).isEqualTo(200);
        }
        socket.send("5");
        socket.send("40{\"token\":\"" + rest.token("sio-dave") + "\"}");
        assertThat(socket.next()).startsWith("40{\"sid\":");
        assertThat(get("?EIO=4&transport=polling&sid=" + sid).statusCode()).isEqualTo(400);
        socket.close();
    }

    /** Two gateways without sticky sessions: every request of one session alternates between them. */
    @Test
    void aSessionsRequestsMayReachEitherGateway() throws Exception {
        HttpResponse<String> open = get(0, "?EIO=4&transport=polling");
        String sid = ChatJson.mapper().readTree(open.body().substring(1)).at("/sid").asString();
        String query = "?EIO=4&transport=polling&sid=" + sid;
        // The ping (one interval after the handshake) comes through the other gateway's poll, the pong goes back there.
        assertThat(get(1, query).body()).isEqualTo("2");
        assertThat(post(1, query, "3").body()).isEqualTo("ok");
        assertThat(post(0, query, "40{\"token\":\"" + rest.token("sio-gina") + "\"}").body()).isEqualTo("ok");
        List<String> received = new CopyOnWriteArrayList<>();
        int[] turn = {1};
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            String body = get(turn[0]++ % 2, query).body();
            received.addAll(List.of(body.split("\u001e")));
            if (body.equals("2")) {
                post(turn[0] % 2, query, "3");
            }
            return received.stream().anyMatch(p -> p.startsWith("40{\"sid\":"));
        });
        // The upgrade reaches the other gateway too: carried through to the one holding the session.
        CompletableFuture<HttpResponse<String>> waiting = HTTP.sendAsync(request(0, query).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Frames socket = Frames.open(URI.create(base(1).replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"
                + "&sid=" + sid));
        socket.send("2probe");
        assertThat(socket.next()).isEqualTo("3probe");
        assertThat(waiting.get(10, TimeUnit.SECONDS).body()).isEqualTo("6");
        socket.send("5");
        socket.send("421[\"markAsRead\",{\"conversationId\":\"nope\"}]");
        assertThat(socket.next()).startsWith("431[{\"success\":false");
        socket.close();
    }

    @Test
    void aSessionIdThatWasNotIssuedIsNeverForwarded() throws Exception {
        String sid = ChatJson.mapper().readTree(get(0, "?EIO=4&transport=polling").body().substring(1)).at("/sid")
                .asString();
        String[] parts = sid.split("\\.");
        assertThat(parts).hasSize(3);
        com.sun.net.httpserver.HttpServer bystander = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.concurrent.atomic.AtomicInteger reached = new java.util.concurrent.atomic.AtomicInteger();
        bystander.createContext("/", exchange -> {
            reached.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        bystander.start();
        try {
            // The same session, its gateway's address changed to one of the caller's choosing: the signature fails.
            String elsewhere = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("http://127.0.0.1:" + bystander.getAddress().getPort()).getBytes(StandardCharsets.UTF_8))
                    + "." + parts[2];
            HttpResponse<String> refused = get(1, "?EIO=4&transport=polling&sid=" + elsewhere);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("Session ID unknown");
            assertThat(post(1, "?EIO=4&transport=polling&sid=" + elsewhere, "40{}").statusCode()).isEqualTo(400);
            assertThat(reached).hasValue(0);
        } finally {
            bystander.stop(0);
        }
    }

    @Test
    void binaryAttachmentsAreRefusedAndAFloodOfUnannouncedBinaryEndsTheSession() throws Exception {
        Frames socket = Frames.open(URI.create(base().replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"));
        assertThat(socket.next()).startsWith("0");
        socket.send("40{\"token\":\"" + rest.token("sio-hugo") + "\"}");
        assertThat(socket.next()).startsWith("40{\"sid\":");
        assertThat(socket.next()).startsWith("42[\"ready\"");
        // An emit with a Buffer: refused with the reason, its attachment skipped, the session goes on.
        socket.send("451-[\"sendMessage\",{\"_placeholder\":true,\"num\":0}]");
        socket.sendBinary(new byte[] {1, 2, 3});
        assertThat(socket.next()).startsWith("42[").contains("binary attachments are not supported");
        socket.send("421[\"markAsRead\",{\"conversationId\":\"nope\"}]");
        assertThat(socket.next()).startsWith("431[{\"success\":false");
        // Binary frames nothing announced: one error, then the session is closed.
        for (int i = 0; i < 1000 && !socket.closed(); i++) {
            socket.sendBinary(new byte[1024]);
        }
        assertThat(socket.next()).startsWith("42[\"messageError\"").contains("binary packets are not supported");
        await().atMost(Duration.ofSeconds(10)).until(socket::closed);
    }

    @Test
    void aWebSocketSessionCanBeClosedByTheClient() throws Exception {
        Frames socket = Frames.open(URI.create(base().replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"));
        String open = socket.next();
        assertThat(open).startsWith("0");
        assertThat(ChatJson.mapper().readTree(open.substring(1)).at("/upgrades").size()).isZero();
        socket.send("1");
        await().atMost(Duration.ofSeconds(10)).until(socket::closed);
    }

    // --- plumbing ---

    private static boolean commandExists(String command) {
        try {
            return new ProcessBuilder(command, "--version").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static String pollingSession() throws Exception {
        HttpResponse<String> open = get("?EIO=4&transport=polling");
        return ChatJson.mapper().readTree(open.body().substring(1)).at("/sid").asString();
    }

    private static String poll(String sid) throws Exception {
        return get("?EIO=4&transport=polling&sid=" + sid).body();
    }

    private static HttpRequest.Builder request(String query) {
        return request(0, query);
    }

    private static HttpRequest.Builder request(int gateway, String query) {
        return HttpRequest.newBuilder(URI.create(base(gateway) + "/socket.io/" + query)).timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> get(String query) throws Exception {
        return get(0, query);
    }

    private static HttpResponse<String> get(int gateway, String query) throws Exception {
        return HTTP.send(request(gateway, query).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int gateway, String query, String body) throws Exception {
        return HTTP.send(request(gateway, query).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST to {@code query}, or — if it is not one — to the polling session of that id. */
    private static HttpResponse<String> post(String query, String body) throws Exception {
        if (!query.startsWith("?")) {
            return post("?EIO=4&transport=polling&sid=" + query, body);
        }
        return HTTP.send(request(query).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A raw WebSocket that keeps the text frames it receives, in order. */
    private static final class Frames implements WebSocket.Listener {
        private final java.util.concurrent.LinkedBlockingQueue<String> frames = new java.util.concurrent.LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile boolean closed;
        private WebSocket socket;

        static Frames open(URI uri) {
            Frames frames = new Frames();
            frames.socket = HTTP.newWebSocketBuilder().buildAsync(uri, frames).join();
            return frames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
        }

        /** The next frame that is not a ping. */
        String next() throws InterruptedException {
            while (true) {
                String frame = frames.poll(15, TimeUnit.SECONDS);
                assertThat(frame).as("a frame within 15 s").isNotNull();
                if (!"2".equals(frame)) {
                    return frame;
                }
                send("3");
            }
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        /** A binary frame; once the server has closed the socket, nothing (the flood is over). */
        void sendBinary(byte[] bytes) {
            try {
                socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
            } catch (java.util.concurrent.CompletionException | IllegalStateException e) {
                closed = true;
            }
        }

        boolean closed() {
            return closed;
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
