package dev.chat.projection;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.chat.contracts.UndecodableRecordException;
import dev.chat.servicekit.DeadLetters;
import dev.chat.servicekit.Failures;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    /**
     * Mongo unreachable: retry the same record with back-off until it works (offsets are not
     * committed meanwhile). Undecodable record: dead-letter at once. Anything else: three tries, then
     * dead-letter, so one bad record never blocks a partition.
     */
    @Bean
    CommonErrorHandler projectionErrorHandler(KafkaTemplate<Object, Object> kafka) {
        DefaultErrorHandler handler = new DefaultErrorHandler(DeadLetters.recoverer(kafka), new FixedBackOff(500, 2));
        handler.setBackOffFunction((record, failure) -> Failures.isTransient(failure) ? Failures.untilItWorks() : null);
        handler.addNotRetryableExceptions(UndecodableRecordException.class);
        return handler;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createIndexes(ApplicationReadyEvent ready) {
        createIndexes(ready.getApplicationContext().getBean(MongoTemplate.class));
    }

    /** Indexes for the queries the gateway runs; also re-created after a rebuild drops the collections. */
    public static void createIndexes(MongoTemplate mongo) {
        mongo.execute(ReadModels.CONVERSATIONS, c -> c.createIndex(
                Indexes.compoundIndex(Indexes.ascending("participants"), Indexes.descending("lastMessageAt"))));
        mongo.execute(ReadModels.HISTORY, c -> c.createIndex(Indexes.ascending("conversationId", "version"),
                new IndexOptions().unique(true)));
        mongo.execute(ReadModels.PROFILES, c -> c.createIndex(Indexes.ascending("username")));
    }
}
