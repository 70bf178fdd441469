package dev.chat.presence;

import dev.chat.contracts.UndecodableRecordException;
import dev.chat.servicekit.DeadLetters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
class PresenceConfiguration {

    /** An undecodable signal is dead-lettered at once; a failed publish is retried, then dead-lettered. */
    @Bean
    CommonErrorHandler presenceErrorHandler(KafkaTemplate<Object, Object> kafka) {
        DefaultErrorHandler handler = new DefaultErrorHandler(DeadLetters.recoverer(kafka), new FixedBackOff(500, 4));
        handler.addNotRetryableExceptions(UndecodableRecordException.class);
        return handler;
    }
}
