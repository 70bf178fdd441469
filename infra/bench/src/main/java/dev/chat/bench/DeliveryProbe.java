package dev.chat.bench;

import dev.chat.contracts.ChatJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

/**
 * The capacity goal's check, run once the sessions are held: {@code probes} more sessions ({@code probe-r-i}, dealt
 * over the gateways) each get a message by REST from {@code probe-s-i} through another gateway, and then see
 * {@code probe-s-i} come online (its session opens: a contact's presence). Both are timed from the moment the
 * send or the sender's connection started until the receiver's frame arrived.
 */
final class DeliveryProbe {

    /** What the probes measured; {@code missing*} did not arrive within the wait. */
    record Result(int probes, Latencies.Summary message, int missingMessages, Latencies.Summary presence,
            int missingPresence) {

        String text() {
            return """
                      probes       %d held sessions more, each sent a message and a contact's presence
                      message      %s  (%d missing)
                      presence     %s  (%d missing)
                    """.formatted(probes, message.text(), missingMessages, presence.text(), missingPresence);
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private DeliveryProbe() {
    }

    static Result run(ConnectionOptions options) throws Exception {
        List<URI> gateways = options.gateways();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
        List<ResilientSession> receivers = new ArrayList<>();
        List<ResilientSession> senders = new ArrayList<>();
        long run = System.currentTimeMillis();
        try {
            for (int i = 0; i < options.probes(); i++) {
                receivers.add(session(options, "probe-r-" + run + "-" + i, i % gateways.size(), timer));
            }
            await(receivers, ResilientSession::ready);
            Latencies message = new Latencies();
            List<Long> sentAt = new ArrayList<>();
            for (int i = 0; i < receivers.size(); i++) {
                sentAt.add(System.nanoTime());
                sendUntilAccepted(gateways.get((i + 1) % gateways.size()),
                        Tokens.sign(options.jwtSecret(), sender(run, i)), receivers.get(i).userId(), "probe-" + i);
            }
            int missingMessages = collect(receivers, (r, i) -> r.deliveredAt().get("probe-" + i), sentAt, message);
            Latencies presence = new Latencies();
            List<Long> openedAt = new ArrayList<>();
            for (int i = 0; i < receivers.size(); i++) {
                openedAt.add(System.nanoTime());
                senders.add(session(options, sender(run, i), (i + 1) % gateways.size(), timer));
            }
            String[] names = senders.stream().map(ResilientSession::userId).toArray(String[]::new);
            int missingPresence = collect(receivers, (r, i) -> r.onlineSeenAt().get(names[i]), openedAt, presence);
            return new Result(receivers.size(), message.summary(), missingMessages, presence.summary(),
                    missingPresence);
        } finally {
            receivers.forEach(ResilientSession::close);
            senders.forEach(ResilientSession::close);
            timer.shutdownNow();
        }
    }

    private static String sender(long run, int i) {
        return "probe-s-" + run + "-" + i;
    }

    private static ResilientSession session(ConnectionOptions options, String user, int gateway,
            ScheduledExecutorService timer) {
        ResilientSession session = new ResilientSession(user, Tokens.sign(options.jwtSecret(), user),
                options.gateways(), gateway, new InetSocketAddress("127.0.0.1", 0), timer);
        session.connect();
        return session;
    }

    /** Waits (up to a minute) until each receiver's arrival is known; records them; returns how many are not. */
    private static int collect(List<ResilientSession> receivers, java.util.function.BiFunction<ResilientSession,
            Integer, Long> arrival, List<Long> startedAt, Latencies into) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !allArrived(receivers, arrival)) {
            Thread.sleep(50);
        }
        int missing = 0;
        for (int i = 0; i < receivers.size(); i++) {
            Long at = arrival.apply(receivers.get(i), i);
            if (at == null) {
                missing++;
            } else {
                into.record(startedAt.get(i), at);
            }
        }
        return missing;
    }

    private static boolean allArrived(List<ResilientSession> receivers,
            java.util.function.BiFunction<ResilientSession, Integer, Long> arrival) {
        for (int i = 0; i < receivers.size(); i++) {
            if (arrival.apply(receivers.get(i), i) == null) {
                return false;
            }
        }
        return true;
    }

    private static void await(List<ResilientSession> sessions, Predicate<ResilientSession> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !sessions.stream().allMatch(condition)) {
            Thread.sleep(50);
        }
        long not = sessions.stream().filter(condition.negate()).count();
        if (not > 0) {
            throw new IllegalStateException(not + " probe sessions were not ready within " + WAIT.toSeconds() + " s");
        }
    }

    /**
     * Sends a message by REST; a send that is refused or not answered in time is sent again under the same
     * clientMessageId (never stored twice), up to 20 times.
     */
    static void sendUntilAccepted(URI gateway, String token, String receiver, String clientMessageId)
            throws IOException, InterruptedException {
        String body = ChatJson.mapper().writeValueAsString(Map.of("receiverId", receiver, "content", "probe",
                "clientMessageId", clientMessageId));
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/messages/send"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        for (int attempt = 0; attempt < 20; attempt++) {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("a message could not be sent: " + clientMessageId);
    }
}
