package dev.chat.servicekit;

import dev.chat.contracts.TopicSpec;
import dev.chat.contracts.Topics;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Creates every topic of the catalogue (missing ones only) when a service starts. */
@AutoConfiguration
@EnableConfigurationProperties(TopicsProperties.class)
public class ServiceKitAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics chatTopics(TopicsProperties properties) {
        return new KafkaAdmin.NewTopics(Topics.allWithDeadLetters().stream()
                .map(spec -> newTopic(spec, properties))
                .toArray(NewTopic[]::new));
    }

    static NewTopic newTopic(TopicSpec spec, TopicsProperties properties) {
        boolean deadLetter = spec.name().endsWith(".dlt");
        int partitions = properties.partitions() > 0 && !deadLetter ? properties.partitions() : spec.partitions();
        Optional<Short> replicas = properties.replicationFactor() > 0
                ? Optional.of(properties.replicationFactor()) : Optional.empty();
        return new NewTopic(spec.name(), Optional.of(partitions), replicas).configs(spec.configs());
    }
}
