package dev.chat.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code connections} mode in one process: opens sessions at the offered rate (each at its scheduled time,
 * connect-to-ready measured from it), up to each checkpoint; there waits until every session is ready or
 * failed and measures starts per second, CPU per start and the gateways' footprint; holds the sessions, then
 * closes them. Several generator processes: see {@link ConnectionGenerators}.
 */
final class ConnectionsRun {

    /** What one checkpoint measured; {@code footprint} is null in a child generator. */
    record Checkpoint(int held, int startedInPhase, double startsPerSecond, Latencies.Summary connectToReady,
            ProcessCpu.Usage cpu, Footprint footprint) {
    }

    private final ConnectionOptions options;
    private final ProcessCpu cpu;
    private final Latencies readiness = new Latencies();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final List<IdleSession> sessions = new ArrayList<>();
    private final AtomicLong lastReadyAt = new AtomicLong();

    ConnectionsRun(ConnectionOptions options, ProcessCpu cpu) {
        this.options = options;
        this.cpu = cpu;
    }

    Latencies readiness() {
        return readiness;
    }

    Map<String, Long> failures() {
        Map<String, Long> counted = new java.util.TreeMap<>();
        failures.forEach((reason, count) -> counted.put(reason, count.get()));
        return counted;
    }

    int ready() {
        return (int) sessions.stream().filter(s -> s.ready().isDone() && !s.ready().isCompletedExceptionally()).count();
    }

    /** Opens up to each checkpoint and measures there; {@code measure} false skips the footprint (child). */
    List<Checkpoint> open(boolean measure, java.util.function.Consumer<Checkpoint> each) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        Map<String, ProcessHandle> gateways = cpu.named("gateway-service");
        if (measure) {
            Checkpoint empty = new Checkpoint(0, 0, 0, new Latencies().summary(), null, Footprint.of(gateways));
            checkpoints.add(empty);
            each.accept(empty);
        }
        int opened = 0;
        for (int target : options.checkpoints()) {
            Latencies phase = new Latencies();
            ProcessCpu.Snapshot before = cpu.snapshot();
            long phaseStart = System.nanoTime();
            List<CompletableFuture<Void>> starting = new ArrayList<>();
            for (int i = opened; i < target; i++) {
                long scheduled = phaseStart + (long) ((i - opened) * 1e9 / options.rate());
                LockSupport.parkNanos(scheduled - System.nanoTime());
                starting.add(start(i, scheduled, phase));
            }
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            ProcessCpu.Usage usage = ProcessCpu.between(before, cpu.snapshot());
            int started = (int) phase.summary().count();
            double seconds = Math.max(1e-9, (lastReadyAt.get() - phaseStart) / 1e9);
            Checkpoint checkpoint = new Checkpoint(ready(), started, started / seconds, phase.summary(), usage,
                    measure ? Footprint.of(gateways) : null);
            checkpoints.add(checkpoint);
            each.accept(checkpoint);
            opened = target;
        }
        return checkpoints;
    }

    private CompletableFuture<Void> start(int index, long scheduled, Latencies phase) {
        String user = options.userPrefix() + "-" + index;
        String token = Tokens.sign(options.jwtSecret(), user);
        int gateway = index % options.gateways().size();
        URI url = options.gateways().get(gateway);
        InetSocketAddress source = new InetSocketAddress("127.0.0." + (1 + index % options.sourceAddresses()), 0);
        IdleSession session = options.protocol().equals("ws") ? IdleSession.overWebSocket(url, source, token)
                : IdleSession.overRSocket(url.getHost(), options.rsocketPorts().get(gateway % options.rsocketPorts().size()),
                        source, token);
        sessions.add(session);
        long deadline = options.readyTimeout().toNanos() - (System.nanoTime() - scheduled);
        return session.ready().orTimeout(Math.max(1, deadline), TimeUnit.NANOSECONDS).handle((ok, e) -> {
            if (e == null) {
                long now = System.nanoTime();
                readiness.record(scheduled, now);
                phase.record(scheduled, now);
                lastReadyAt.accumulateAndGet(now, Math::max);
            } else {
                Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
                String reason = cause instanceof IdleSession.Failed ? cause.getMessage()
                        : cause instanceof java.util.concurrent.TimeoutException ? "not ready in "
                                + options.readyTimeout().toSeconds() + " s" : cause.toString();
                failures.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
            }
            return null;
        });
    }

    /** Sessions that were ready and then ended while held. */
    long droppedWhileHeld() {
        return sessions.stream().filter(IdleSession::endedAfterReady).count();
    }

    void closeAll() {
        sessions.forEach(IdleSession::close);
    }
}
