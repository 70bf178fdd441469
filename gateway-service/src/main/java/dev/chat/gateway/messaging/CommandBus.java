package dev.chat.gateway.messaging;

import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.CommandOutcome;
import dev.chat.gateway.GatewayProperties;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Publishes a command and waits, bounded, for message-service's outcome. Every gateway instance reads
 * all outcomes (its own consumer group, from the latest offset) and completes the commands it is
 * waiting for; others are ignored.
 */
@Component
class CommandBus implements ConsumerSeekAware {

    private static final String OUTCOME_ID_PREFIX = "outcome:";
    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventCodec codec;
    private final Map<String, Sinks.One<CommandOutcome>> pending = new ConcurrentHashMap<>();
    private final GatewayProperties properties;
    private final Clock clock;
    private volatile boolean listening;
    /** When an outcome (anyone's) last arrived, and when a command of ours last went unanswered in time. */
    private volatile Instant lastOutcomeAt = Instant.MIN;
    private volatile Instant lastUndecidedAt = Instant.MIN;

    CommandBus(KafkaTemplate<String, byte[]> kafka, CloudEventCodec codec, GatewayProperties properties) {
        this.codec = codec;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** The outcome, or empty if none arrived within the send timeout (the command may still be decided). */
    public Mono<Optional<CommandOutcome>> submit(ChatCommand command) {
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
                    return Mono.just(Optional.empty());
                })
                .doFinally(signal -> pending.remove(command.commandId()));
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
        // Every instance sees every outcome; the id (outcome:<commandId>) says whether one is waited for here.
        String id = CloudEventCodec.header(record.headers(), CloudEventCodec.ID);
        if (id != null && id.startsWith(OUTCOME_ID_PREFIX) && !pending.containsKey(id.substring(OUTCOME_ID_PREFIX.length()))) {
            return;
        }
        CommandOutcome outcome = CloudEventCodec.decode(record, CommandOutcome.class).data();
        Sinks.One<CommandOutcome> waiting = pending.remove(outcome.commandId());
        if (waiting != null) {
            waiting.tryEmitValue(outcome);
        }
    }
}
