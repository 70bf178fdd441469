package dev.chat.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Engine.IO's HTTP long-polling transport, as a socket.io-client with {@code transports: ["polling"]} uses it: one
 * poll waiting at a time (the next one sent as soon as it answers), and one POST at a time carrying every packet
 * queued meanwhile, joined with the record separator.
 */
final class EngineIoPolling {

    private static final String SEPARATOR = "\u001e";

    private final HttpClient http;
    private final String session;
    private final BiConsumer<String, Long> packets;
    private final Runnable lost;
    private final Queue<String> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean posting = new AtomicBoolean();
    private volatile boolean closed;

    private EngineIoPolling(HttpClient http, String session, BiConsumer<String, Long> packets, Runnable lost) {
        this.http = http;
        this.session = session;
        this.packets = packets;
        this.lost = lost;
    }

    /**
     * The handshake, then polls until closed; each packet that arrives goes to {@code packets} with the time it
     * arrived (nanos), and {@code lost} is told when the server ends the session.
     */
    static CompletableFuture<EngineIoPolling> open(HttpClient http, URI gateway, BiConsumer<String, Long> packets,
            Runnable lost) {
        String base = gateway + "/socket.io/?EIO=4&transport=polling";
        return http.sendAsync(request(base).GET().build(), HttpResponse.BodyHandlers.ofString()).thenApply(open -> {
            String body = open.body();
            if (open.statusCode() != 200 || !body.startsWith("0")) {
                throw new IllegalStateException("handshake refused: " + open.statusCode() + " " + body);
            }
            String sid = dev.chat.contracts.ChatJson.mapper().readTree(body.substring(1)).path("sid").asString();
            EngineIoPolling polling = new EngineIoPolling(http, base + "&sid=" + sid, packets, lost);
            polling.poll();
            return polling;
        });
    }

    private static HttpRequest.Builder request(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(90));
    }

    private void poll() {
        if (closed) {
            return;
        }
        http.sendAsync(request(session).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .whenComplete((answer, error) -> {
                    long arrived = System.nanoTime();
                    if (error != null || answer.statusCode() != 200) {
                        end();
                        return;
                    }
                    for (String packet : answer.body().split(SEPARATOR)) {
                        if (packet.equals("1")) {
                            end();
                            return;
                        }
                        packets.accept(packet, arrived);
                    }
                    poll();
                });
    }

    /** Queues a packet for the next POST (sent at once if none is under way). */
    CompletableFuture<?> send(String packet) {
        queued.add(packet);
        flush();
        return CompletableFuture.completedFuture(null);
    }

    private void flush() {
        if (closed || queued.isEmpty() || !posting.compareAndSet(false, true)) {
            return;
        }
        List<String> batch = new ArrayList<>();
        for (String packet; (packet = queued.poll()) != null; ) {
            batch.add(packet);
        }
        http.sendAsync(request(session).POST(HttpRequest.BodyPublishers.ofString(String.join(SEPARATOR, batch)))
                        .header("Content-Type", "text/plain;charset=UTF-8").build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((answer, error) -> {
                    posting.set(false);
                    if (error != null || answer.statusCode() != 200) {
                        end();
                        return;
                    }
                    flush();
                });
    }

    private void end() {
        if (!closed) {
            closed = true;
            lost.run();
        }
    }

    /** Ends the session: the close packet, then no more polls. */
    void close() {
        if (!closed) {
            send("1");
            closed = true;
        }
    }
}
