package dev.chat.servicekit;

import dev.chat.contracts.Topics;
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
                .map(spec -> spec.newTopic(properties.partitions(), properties.replicationFactor()))
                .toArray(NewTopic[]::new));
    }
}
