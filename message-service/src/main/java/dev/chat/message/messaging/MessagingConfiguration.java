package dev.chat.message.messaging;

import dev.chat.contracts.UndecodableRecordException;
import dev.chat.message.MessageServiceProperties;
import dev.chat.servicekit.DeadLetters;
import dev.chat.servicekit.Failures;
import java.time.Clock;
import org.bson.types.ObjectId;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ConversationDecider conversationDecider(MessageServiceProperties properties, Clock clock) {
        // ObjectId-shaped message ids keep `_id` familiar to clients of the original Mongoose app.
        return new ConversationDecider(properties.maxContentLength(), clock, () -> new ObjectId().toHexString());
    }

    /**
     * After a rolled-back transaction: an unreachable database is waited out with back-off, forever
     * and without committing the offset; a record that cannot be decoded goes straight to the
     * dead-letter topic; anything else is tried three times, then dead-lettered, so no partition
     * blocks forever on one record.
     */
    @Bean
    AfterRollbackProcessor<Object, Object> afterRollbackProcessor(KafkaTemplate<Object, Object> kafka) {
        DefaultAfterRollbackProcessor<Object, Object> processor = new DefaultAfterRollbackProcessor<>(
                DeadLetters.recoverer(kafka), new FixedBackOff(500, 2), kafka, true);
        processor.setBackOffFunction((record, failure) -> Failures.isTransient(failure) ? Failures.untilItWorks() : null);
        processor.addNotRetryableExceptions(UndecodableRecordException.class);
        return processor;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createIndexes(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBean(ConversationStore.class).createIndexes();
    }
}
