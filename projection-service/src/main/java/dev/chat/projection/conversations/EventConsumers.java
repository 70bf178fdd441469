package dev.chat.projection.conversations;

import dev.chat.projection.ProjectionServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** The event listener's consumers per instance come from the settings record, not a placeholder. */
@Configuration(proxyBeanMethods = false)
class EventConsumers {

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> eventConsumerConcurrency(
            ProjectionServiceProperties properties) {
        return container -> {
            if (EventListener.ID.equals(container.getListenerId())) {
                container.setConcurrency(properties.consumerConcurrency());
            }
        };
    }
}
