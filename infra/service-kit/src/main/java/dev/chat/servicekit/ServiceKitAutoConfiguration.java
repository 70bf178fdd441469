package dev.chat.servicekit;

import dev.chat.contracts.CloudEventCodec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import dev.chat.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Creates every topic of the catalogue (missing ones only) when a service starts; the service's event codec. */
@AutoConfiguration
@EnableConfigurationProperties(TopicsProperties.class)
public class ServiceKitAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics chatTopics(TopicsProperties properties) {
        return new KafkaAdmin.NewTopics(Topics.allWithDeadLetters().stream()
                .map(spec -> spec.newTopic(properties.partitions(), properties.replicationFactor()))
                .toArray(NewTopic[]::new));
    }

    /** CloudEvents written by this service carry {@code /<spring.application.name>} as their source. */
    @Bean
    @ConditionalOnMissingBean
    CloudEventCodec cloudEventCodec(@Value("${spring.application.name}") String service) {
        return new CloudEventCodec("/" + service);
    }
}
