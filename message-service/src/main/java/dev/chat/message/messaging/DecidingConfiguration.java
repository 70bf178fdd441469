package dev.chat.message.messaging;

import dev.chat.contracts.UrlPolicy;
import dev.chat.message.MessageServiceProperties;
import dev.chat.servicekit.KafkaTraces;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Runs {@link DecisionTopology} with Kafka Streams (settings under {@code spring.kafka.streams}:
 * exactly_once_v2, state directory, commit interval). A thread that dies on an unexpected error is
 * replaced, and the transaction it had open is aborted, so its records are processed again.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class DecidingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DecidingConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Deciders deciders(MessageServiceProperties properties, Clock clock) {
        // ObjectId-shaped message ids keep `_id` familiar to clients of the original Mongoose app.
        return new Deciders(
                new ConversationDecider(properties.maxContentLength(), new UrlPolicy(properties.allowHttpUrls()), clock,
                        () -> new ObjectId().toHexString()),
                new GroupDecider(properties.groupMaxMembers(), clock),
                new MessageActionDecider(properties.editWindow(), properties.maxContentLength(), clock),
                new BlockDecider(clock));
    }

    @Bean
    StreamThreadDeaths streamThreadDeaths(Clock clock) {
        return new StreamThreadDeaths(clock);
    }

    @Bean
    StreamsBuilderFactoryBeanConfigurer decisionTopology(Deciders decider,
            MessageServiceProperties properties, Clock clock, KafkaTraces traces, StreamThreadDeaths deaths) {
        PoisonCommands poison = new PoisonCommands();
        return factory -> {
            factory.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
                @Override
                public void configureTopology(Topology topology) {
                    DecisionTopology.addTo(topology, () -> new CommandProcessor(decider, properties.dedupeWindow(), clock,
                            traces, properties.maxRecordBytes(), poison));
                }
            });
            // Records Kafka refuses fail the step; the command is remembered and dead-lettered when read again.
            Properties config = new Properties();
            config.putAll(factory.getStreamsConfiguration());
            config.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DecisionFailureHandler.class.getName());
            config.put(PoisonCommands.CONFIG_KEY, poison);
            factory.setStreamsConfiguration(config);
            factory.setStreamsUncaughtExceptionHandler(failure -> {
                log.error("A decision thread failed; replacing it (its open transaction is aborted)", failure);
                deaths.died(failure);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
        };
    }

    /**
     * In the liveness group: DOWN while decision threads keep dying (each death is replaced, so the stream looks
     * RUNNING while deciding nothing) — for the launcher's supervisor and an orchestrator to restart the process.
     */
    @Bean
    HealthIndicator decisionThreadsHealthIndicator(StreamThreadDeaths deaths) {
        return () -> deaths.keepDying() ? Health.down().withDetail("reason", deaths.describe()).build()
                : Health.up().build();
    }

    /** UP once the stream has run (state restored, partitions assigned); a later rebalance does not flip it. */
    @Bean
    HealthIndicator decisionsHealthIndicator(StreamsBuilderFactoryBean factory) {
        AtomicBoolean hasRun = new AtomicBoolean();
        return () -> {
            KafkaStreams streams = factory.getKafkaStreams();
            KafkaStreams.State state = streams == null ? null : streams.state();
            if (state == KafkaStreams.State.RUNNING) {
                hasRun.set(true);
            }
            boolean up = state == KafkaStreams.State.RUNNING
                    || (state == KafkaStreams.State.REBALANCING && hasRun.get());
            Health.Builder health = up ? Health.up()
                    : state == null || state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED
                            ? Health.outOfService() : Health.down();
            return health.withDetail("state", String.valueOf(state)).build();
        };
    }
}
