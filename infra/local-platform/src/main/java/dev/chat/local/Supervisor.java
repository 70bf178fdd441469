package dev.chat.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the platform's services running: a service that exits without the launcher asking (a crash, an
 * out-of-memory kill, {@code kill -9}) is logged with its exit code and started again after a back-off —
 * 1 s, doubling up to 30 s while it keeps crashing soon after starting, back to 1 s once it has run a
 * minute. A service whose liveness probe ({@code /actuator/health/liveness}) says DOWN
 * {@value #DOWN_CHECKS} times in a row, {@link #LIVENESS_EVERY} apart, is killed and so started again — what an
 * orchestrator does with a liveness probe (message-service says DOWN while its decision threads keep dying).
 */
final class Supervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);
    private static final Duration STABLE_AFTER = Duration.ofMinutes(1);
    private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(3);
    static final Duration LIVENESS_EVERY = Duration.ofSeconds(10);
    static final int DOWN_CHECKS = 3;

    private final Function<String, ServiceProcess> factory;
    private final Map<String, ServiceProcess> running = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();
    private final Map<String, Integer> recentCrashes = new ConcurrentHashMap<>();
    private final Map<String, Integer> downInARow = new ConcurrentHashMap<>();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;

    /** @param factory a new, not yet started process for a service name */
    Supervisor(Function<String, ServiceProcess> factory) {
        this(factory, LIVENESS_EVERY);
    }

    Supervisor(Function<String, ServiceProcess> factory, Duration livenessEvery) {
        this.factory = factory;
        restarts.scheduleWithFixedDelay(this::checkLiveness, livenessEvery.toMillis(), livenessEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void checkLiveness() {
        for (ServiceProcess process : all()) {
            if (closing || !process.isAlive()) {
                continue;
            }
            boolean down = process.live().map(live -> !live).orElse(false);
            int inARow = down ? downInARow.merge(process.name(), 1, Integer::sum) : 0;
            if (!down) {
                downInARow.remove(process.name());
            } else if (inARow >= DOWN_CHECKS) {
                downInARow.remove(process.name());
                log.warn("{} says it is not live ({} checks in a row, see {}); killing it to start it again",
                        process.name(), inARow, process.log());
                process.crash();
            }
        }
    }

    /** Starts the service and keeps it running. */
    synchronized ServiceProcess start(String name) {
        ServiceProcess process = factory.apply(name).start();
        running.put(name, process);
        if (!order.contains(name)) {
            order.add(name);
        }
        process.exited().thenAccept(code -> onExit(process, code));
        return process;
    }

    /** The running process of a service. */
    ServiceProcess get(String name) {
        ServiceProcess process = running.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return process;
    }

    /** Every supervised service, in the order they were first started. */
    synchronized List<ServiceProcess> all() {
        return order.stream().map(running::get).filter(p -> p != null).toList();
    }

    /** No longer supervised (the caller stops or kills it). */
    synchronized ServiceProcess release(String name) {
        order.remove(name);
        return running.remove(name);
    }

    private void onExit(ServiceProcess process, int code) {
        if (closing || process.exitExpected() || running.get(process.name()) != process) {
            return;
        }
        Duration uptime = Duration.between(process.startedAt(), Instant.now());
        boolean ranStably = uptime.compareTo(STABLE_AFTER) > 0;
        int crashes = recentCrashes.merge(process.name(), 1, (before, one) -> ranStably ? 1 : before + 1);
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(crashes - 1, 5));
        delay = delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
        log.warn("{} exited unexpectedly with code {} after {} s (log: {}); restarting in {} s (crash {} in a row)",
                process.name(), code, uptime.toSeconds(), process.log(), delay.toSeconds(), crashes);
        restarts.schedule(() -> restart(process.name()), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart(String name) {
        if (closing) {
            return;
        }
        try {
            ServiceProcess fresh = start(name);
            log.info("{} restarted (pid {})", name, fresh.handle().pid());
            fresh.awaitHealthy(HEALTHY_WITHIN);
            log.info("{} is up again on port {}", name, fresh.port());
        } catch (RuntimeException e) {
            log.error("{} did not come back: {}", name, e.getMessage());
        }
    }

    /** Stops every service (in parallel) and supervises no more. */
    @Override
    public void close() {
        closing = true;
        restarts.shutdownNow();
        all().parallelStream().forEach(ServiceProcess::stop);
        synchronized (this) {
            running.clear();
            order.clear();
        }
    }
}
