package dev.chat.gateway.commands;

import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.CommandOutcome;
import dev.chat.contracts.CommandRejected;
import dev.chat.gateway.GatewayProperties;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Publishes a command and waits, bounded, for message-service's outcome. Every gateway instance reads
 * all outcomes (its own consumer group, from the latest offset) and completes the commands it is
 * waiting for; others are ignored.
 *
 * <p>Commands in flight — published, answer not yet seen, including those whose caller stopped waiting — are
 * bounded by an {@link InFlightLimit} that follows how fast answers come, and per user: past it a command is
 * refused at once ({@code BUSY}) rather than queued behind minutes of backlog.
 */
@Component
public class CommandBus implements ConsumerSeekAware {
    /** A command whose answer never came stops counting as in flight after this (it was lost, not slow). */
    private static final Duration FORGET_AFTER = Duration.ofMinutes(1);
    private static final Duration ADJUST_EVERY = Duration.ofMillis(100);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventCodec codec;
    private final Map<String, Sinks.One<CommandOutcome>> pending = new ConcurrentHashMap<>();
    /** Every command of ours in flight, by command id: whose, and since when (nanoTime). */
    private final Map<String, InFlightCommand> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlightByUser = new ConcurrentHashMap<>();
    private final InFlightLimit limit;
    private volatile long sweptAt = System.nanoTime();
    private final GatewayProperties properties;
    private final Clock clock;
    private volatile boolean listening;
    /** When an outcome (anyone's) last arrived, and when a command of ours last went unanswered in time. */
    private volatile Instant lastOutcomeAt = Instant.MIN;
    private volatile Instant lastUndecidedAt = Instant.MIN;

    private record InFlightCommand(String userId, long since) {
    }

    CommandBus(KafkaTemplate<String, byte[]> kafka, CloudEventCodec codec, GatewayProperties properties,
            MeterRegistry meters) {
        this.codec = codec;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = Clock.systemUTC();
        GatewayProperties.InFlight settings = properties.inFlight();
        this.limit = new InFlightLimit(settings.min(), settings.max(), settings.answerTarget(), ADJUST_EVERY,
                System.nanoTime());
        Gauge.builder("chat.commands.in.flight", inFlight, Map::size)
                .description("commands published and not yet answered").register(meters);
        Gauge.builder("chat.commands.in.flight.limit", limit, InFlightLimit::limit)
                .description("how many commands may be in flight now").register(meters);
    }

    /**
     * Once the gateway is up, the producer is made and learns where the commands topic lives, on a thread of its
     * own: otherwise the first user's send does it, on a network thread, waiting for the broker's metadata.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void warmUp() {
        Thread warmUp = new Thread(() -> {
            try {
                kafka.partitionsFor(dev.chat.contracts.Topics.COMMANDS.name());
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(CommandBus.class).warn("Could not learn where {} lives yet: {}",
                        dev.chat.contracts.Topics.COMMANDS.name(), e.toString());
            }
        }, "command-producer-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** A new command's id: random, what its outcome is matched to. */
    public static String newCommandId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Publishes the command and answers what became of it: message-service's decision, {@link CommandResult.Pending}
     * if none arrived within the send timeout (it may still be decided), or — before anything is published —
     * {@code BUSY} when as many commands are in flight as allowed.
     */
    public Mono<CommandResult> submit(ChatCommand command) {
        Optional<Refusal> busy = admit(command);
        if (busy.isPresent()) {
            return Mono.just(new CommandResult.Refused(busy.get()));
        }
        return awaited(command).map(outcome -> {
            if (outcome.isEmpty()) {
                return CommandResult.Pending.of(command);
            }
            if (outcome.get() instanceof CommandRejected rejected) {
                return new CommandResult.Refused(Refusal.of(rejected));
            }
            CommandAccepted accepted = (CommandAccepted) outcome.get();
            return accepted.duplicate() ? new CommandResult.Duplicate(accepted) : new CommandResult.Accepted(accepted);
        });
    }

    /** The outcome, or empty if none arrived within the send timeout. */
    private Mono<Optional<CommandOutcome>> awaited(ChatCommand command) {
        Sinks.One<CommandOutcome> outcome = Sinks.one();
        pending.put(command.commandId(), outcome);
        return Mono.deferContextual(reactorContext -> {
                    // The request's trace (a REST call's, in the Reactor context) becomes the producer span's
                    // parent; restored here only, not around every operator of every pipeline.
                    try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(reactorContext)) {
                        return Mono.fromFuture(kafka.send(codec.command(command, Instant.now())));
                    }
                })
                .then(outcome.asMono())
                .timeout(properties.sendTimeout())
                .map(Optional::of)
                .onErrorResume(TimeoutException.class, e -> {
                    lastUndecidedAt = clock.instant();
                    // Still in flight until its answer comes: the pipeline is that far behind.
                    limit.unanswered(System.nanoTime());
                    return Mono.just(Optional.empty());
                })
                // Not published (Kafka refused it): it is not in flight.
                .doOnError(e -> release(command.commandId(), false))
                .doFinally(signal -> pending.remove(command.commandId()));
    }

    /** Takes a place in flight for the command, or says why there is none. */
    private Optional<Refusal> admit(ChatCommand command) {
        long now = System.nanoTime();
        forgetLost(now);
        String user = command.issuedBy() == null ? "" : command.issuedBy();
        if (inFlight.size() >= limit.limit()) {
            return Optional.of(new Refusal(Refusal.Code.BUSY, "the service is busy; retry shortly", RETRY_AFTER));
        }
        AtomicInteger mine = inFlightByUser.computeIfAbsent(user, u -> new AtomicInteger());
        if (mine.incrementAndGet() > properties.inFlight().perUser()) {
            mine.decrementAndGet();
            return Optional.of(new Refusal(Refusal.Code.BUSY,
                    "you have too many requests waiting for an answer; retry shortly", RETRY_AFTER));
        }
        inFlight.put(command.commandId(), new InFlightCommand(user, now));
        limit.admitted(inFlight.size());
        return Optional.empty();
    }

    /** The command is no longer in flight ({@code answered}: its answer came, and how soon feeds the limit). */
    private void release(String commandId, boolean answered) {
        InFlightCommand released = inFlight.remove(commandId);
        if (released == null) {
            return;
        }
        AtomicInteger mine = inFlightByUser.get(released.userId());
        if (mine != null && mine.decrementAndGet() <= 0) {
            inFlightByUser.remove(released.userId(), mine);
        }
        if (answered) {
            long now = System.nanoTime();
            limit.answered(now - released.since(), now);
        }
    }

    /** Once a second: commands whose answer never came within {@link #FORGET_AFTER} no longer count. */
    private void forgetLost(long now) {
        if (now - sweptAt < 1_000_000_000L) {
            return;
        }
        sweptAt = now;
        long horizon = now - FORGET_AFTER.toNanos();
        inFlight.forEach((commandId, command) -> {
            if (command.since() < horizon && inFlight.remove(commandId, command)) {
                AtomicInteger mine = inFlightByUser.get(command.userId());
                if (mine != null) {
                    mine.decrementAndGet();
                }
            }
        });
    }

    /** Outcomes are read from the latest offset: until partitions are assigned, answers would be missed. */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        listening = true;
    }

    /** Ready only once outcomes can be received, so no request waits for an answer it cannot see. */
    @Bean
    static HealthIndicator outcomesHealthIndicator(CommandBus bus) {
        return () -> bus.listening ? Health.up().build()
                : Health.outOfService().withDetail("reason", "outcome consumer not yet assigned").build();
    }

    /**
     * Out of service while commands go undecided: a command of ours timed out within
     * {@code chat.gateway.undecided-window} and no outcome has arrived since (message-service down or far
     * behind). The first outcome — or the window passing without traffic — makes it ready again, so an
     * instance taken out of rotation is not kept out for want of traffic.
     */
    @Bean
    static HealthIndicator commandDecisionsHealthIndicator(CommandBus bus) {
        return () -> {
            Instant undecided = bus.lastUndecidedAt;
            boolean stalled = undecided.isAfter(bus.lastOutcomeAt)
                    && undecided.isAfter(bus.clock.instant().minus(bus.properties.undecidedWindow()));
            return stalled ? Health.outOfService()
                    .withDetail("reason", "commands are not being decided (no outcome since " + undecided + ")").build()
                    : Health.up().build();
        };
    }

    @KafkaListener(id = "gateway-outcomes",
            groupId = "gateway-outcomes-${chat.instance-id}-#{T(java.util.UUID).randomUUID()}",
            topics = "#{T(dev.chat.contracts.Topics).OUTCOMES.name()}",
            properties = "auto.offset.reset=latest")
    void onOutcome(ConsumerRecord<String, byte[]> record) {
        lastOutcomeAt = clock.instant();
        // Every instance sees every outcome; the id (outcome:<commandId>) says whether it is one of ours in flight,
        // and whether one is waited for here.
        var answered = CloudEventCodec.outcomeCommandId(record);
        if (answered.isPresent()) {
            release(answered.get(), true);
            if (!pending.containsKey(answered.get())) {
                return;
            }
        }
        CommandOutcome outcome = CloudEventCodec.decode(record, CommandOutcome.class).data();
        Sinks.One<CommandOutcome> waiting = pending.remove(outcome.commandId());
        if (waiting != null) {
            waiting.tryEmitValue(outcome);
        }
    }
}
