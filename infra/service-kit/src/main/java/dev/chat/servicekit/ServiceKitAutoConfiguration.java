package dev.chat.servicekit;

import dev.chat.contracts.CloudEventCodec;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import dev.chat.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates every topic of the catalogue (missing ones only) when a service starts; the service's event codec;
 * trace propagation over Kafka for the hops Spring does not instrument.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration"})
@EnableConfigurationProperties(TopicsProperties.class)
public class ServiceKitAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics chatTopics(TopicsProperties properties) {
        return new KafkaAdmin.NewTopics(Topics.allWithDeadLetters().stream()
                .map(spec -> spec.newTopic(properties.partitions(), properties.replicationFactor()))
                .toArray(NewTopic[]::new));
    }

    /** Spans over Kafka hops when tracing is configured (a tracer and a propagator exist), else none. */
    @Bean
    @ConditionalOnMissingBean
    KafkaTraces kafkaTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer t = tracer.getIfAvailable();
        Propagator p = propagator.getIfAvailable();
        return t == null || p == null ? KafkaTraces.NOOP : new KafkaTraces(t, p);
    }

    /** CloudEvents written by this service carry {@code /<spring.application.name>} as their source. */
    @Bean
    @ConditionalOnMissingBean
    CloudEventCodec cloudEventCodec(@Value("${spring.application.name}") String service) {
        return new CloudEventCodec("/" + service);
    }
}
