package dev.chat.bench;

import dev.chat.contracts.ChatJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code storm} mode: holds sessions dealt over two or more gateways (clients that reconnect as the README
 * asks: jitter, next gateway, resume by cursor), kill -9s the first gateway — found among the platform's
 * processes by the port in its environment — and, while its clients come back, sends messages by REST through
 * another gateway: half to users of the killed gateway, half to users of the others. Then it times how long
 * until every session is ready again and checks that every message reached its receiver exactly once, and how
 * quickly the others' messages arrived during the storm.
 */
public final class StormRun {

    /** What a storm measured. */
    public record Result(int sessions, int killed, Latencies.Summary resumed, double allBackSeconds, int notBack,
            int refusedHandshakes, int messages, int delivered, int duplicates, int missing,
            Latencies.Summary survivorsDelivery, Latencies.Summary victimsDelivery) {

        public boolean clean() {
            return notBack == 0 && duplicates == 0 && missing == 0;
        }

        String text() {
            return """
                    storm: %d sessions, kill -9 of a gateway holding %d
                      back         all within %.1f s (%d not back)  resume after kill %s
                      refused      %d handshakes (503) on the way back
                      messages     %d sent during the storm: %d delivered, %d twice, %d missing
                      delivery     others' sessions %s
                                   killed gateway's %s
                      checks       %s
                    """.formatted(sessions, killed, allBackSeconds, notBack, resumed.text(), refusedHandshakes,
                    messages, delivered, duplicates, missing, survivorsDelivery.text(), victimsDelivery.text(),
                    clean() ? "clean" : "NOT CLEAN");
        }
    }

    private final ConnectionOptions options;

    public StormRun(ConnectionOptions options) {
        this.options = options;
    }

    /** A storm from command-line style arguments (for tests that embed the tool). */
    public static Result run(String... args) throws Exception {
        return new StormRun(ConnectionOptions.parse(args)).execute();
    }

    Result execute() throws Exception {
        if (options.gateways().size() < 2) {
            throw new IllegalArgumentException("a storm needs two gateways or more (--gateway A,B)");
        }
        ProcessHandle victim = gatewayProcess(options.gateways().get(0).getPort())
                .orElseThrow(() -> new IllegalStateException("no gateway process listens on "
                        + options.gateways().get(0)));
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        List<ResilientSession> sessions = new ArrayList<>();
        try {
            open(sessions, timer);
            List<ResilientSession> victims = sessions.stream().filter(s -> s.gateway() == 0).toList();
            List<ResilientSession> survivors = sessions.stream().filter(s -> s.gateway() != 0).toList();
            long killedAt = System.nanoTime();
            victim.destroyForcibly();
            Map<String, ResilientSession> sent = new LinkedHashMap<>();
            Map<String, Long> sentAt = new LinkedHashMap<>();
            URI through = options.gateways().get(1);
            for (int i = 0; i < options.messages(); i++) {
                List<ResilientSession> side = i % 2 == 0 ? victims : survivors;
                ResilientSession receiver = side.get((i / 2) % side.size());
                String id = "storm-" + i + "-" + killedAt;
                sentAt.put(id, System.nanoTime());
                DeliveryProbe.sendUntilAccepted(through, Tokens.sign(options.jwtSecret(), "storm-sender-" + (i % 20)),
                        receiver.userId(), id);
                sent.put(id, receiver);
                LockSupport.parkNanos(Duration.ofSeconds(2).toNanos() / Math.max(1, options.messages()));
            }
            long deadline = killedAt + Duration.ofSeconds(60).toNanos() + options.readyTimeout().toNanos();
            while (System.nanoTime() < deadline && !(victims.stream().allMatch(s -> s.ready() && s.readyAt() > killedAt)
                    && sent.entrySet().stream().allMatch(e -> e.getValue().deliveredAt().containsKey(e.getKey())))) {
                Thread.sleep(100);
            }
            return result(sessions, victims, killedAt, sent, sentAt);
        } finally {
            sessions.forEach(ResilientSession::close);
            timer.shutdownNow();
        }
    }

    private void open(List<ResilientSession> sessions, ScheduledExecutorService timer) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < options.sessions(); i++) {
            LockSupport.parkNanos(start + (long) (i * 1e9 / options.rate()) - System.nanoTime());
            String user = options.userPrefix() + "-" + i;
            ResilientSession session = new ResilientSession(user, Tokens.sign(options.jwtSecret(), user),
                    options.gateways(), i % options.gateways().size(),
                    new InetSocketAddress("127.0.0." + (1 + i % options.sourceAddresses()), 0), timer);
            sessions.add(session);
            session.connect();
        }
        long deadline = System.nanoTime() + options.readyTimeout().toNanos();
        while (System.nanoTime() < deadline && !sessions.stream().allMatch(ResilientSession::ready)) {
            Thread.sleep(50);
        }
        long notReady = sessions.stream().filter(s -> !s.ready()).count();
        if (notReady > 0) {
            throw new IllegalStateException(notReady + " sessions were not ready before the storm");
        }
    }

    private Result result(List<ResilientSession> sessions, List<ResilientSession> victims, long killedAt,
            Map<String, ResilientSession> sent, Map<String, Long> sentAt) {
        Latencies resumed = new Latencies();
        long lastBack = killedAt;
        int notBack = 0;
        for (ResilientSession session : victims) {
            if (session.ready() && session.readyAt() > killedAt) {
                resumed.record(killedAt, session.readyAt());
                lastBack = Math.max(lastBack, session.readyAt());
            } else {
                notBack++;
            }
        }
        Latencies survivors = new Latencies();
        Latencies victimsDelivery = new Latencies();
        int delivered = 0;
        for (Map.Entry<String, ResilientSession> entry : sent.entrySet()) {
            Long at = entry.getValue().deliveredAt().get(entry.getKey());
            if (at == null) {
                System.err.printf("missing %s to %s (now on gateway %d, ready %s, %d messages received, %d reloads)%n",
                        entry.getKey(), entry.getValue().userId(), entry.getValue().gateway(), entry.getValue().ready(),
                        entry.getValue().deliveredAt().size(), entry.getValue().reloads());
            }
            if (at != null) {
                delivered++;
                (victims.contains(entry.getValue()) ? victimsDelivery : survivors).record(sentAt.get(entry.getKey()), at);
            }
        }
        return new Result(sessions.size(), victims.size(), resumed.summary(), (lastBack - killedAt) / 1e9, notBack,
                sessions.stream().mapToInt(ResilientSession::refusals).sum(), sent.size(), delivered,
                sessions.stream().mapToInt(ResilientSession::duplicates).sum(), sent.size() - delivered,
                survivors.summary(), victimsDelivery.summary());
    }

    /** The gateway process whose {@code GATEWAY_PORT} is {@code port} (the local platform sets it per instance). */
    static Optional<ProcessHandle> gatewayProcess(int port) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("gateway-service"))
                .filter(p -> environment(p.pid()).contains("GATEWAY_PORT=" + port + "\0"))
                .findFirst();
    }

    private static String environment(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ"))) + "\0";
        } catch (IOException e) {
            return "";
        }
    }

    static void print(Result result) {
        System.out.print(result.text());
        System.out.println(((tools.jackson.databind.node.ObjectNode) ChatJson.mapper().valueToTree(result)).put("mode", "storm"));
    }
}
