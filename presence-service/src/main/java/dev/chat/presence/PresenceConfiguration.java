package dev.chat.presence;

import dev.chat.presence.sessions.PresenceService;
import dev.chat.servicekit.DeadLetters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

@Configuration(proxyBeanMethods = false)
class PresenceConfiguration {

    /** An undecodable signal is dead-lettered at once; a failed publish is retried, then dead-lettered. */
    @Bean
    CommonErrorHandler presenceErrorHandler(KafkaTemplate<Object, Object> kafka) {
        return DeadLetters.errorHandler(DeadLetters.recoverer(kafka), 4, false);
    }

    /** Sessions expire and graces end on the sweep, every {@code chat.presence.sweep-interval}. */
    @Bean
    SchedulingConfigurer presenceSweep(PresenceService presence, PresenceProperties properties) {
        return registrar -> registrar.addFixedDelayTask(presence::sweep, properties.sweepInterval());
    }
}
