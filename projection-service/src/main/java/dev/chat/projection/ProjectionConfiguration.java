package dev.chat.projection;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.chat.servicekit.DeadLetters;
import dev.chat.servicekit.readmodels.ConversationViewDocuments;
import dev.chat.servicekit.readmodels.ReadModels;
import dev.chat.servicekit.readmodels.UserProfileView;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DeadLetterPublishingRecoverer deadLetters(KafkaTemplate<Object, Object> kafka) {
        return DeadLetters.recoverer(kafka);
    }

    /**
     * Mongo unreachable: retry the same records with back-off until it works (offsets are not
     * committed meanwhile). Undecodable record: dead-letter at once. Anything else: three tries, then
     * dead-letter, so one bad record never blocks a partition.
     */
    @Bean
    CommonErrorHandler projectionErrorHandler(DeadLetterPublishingRecoverer deadLetters) {
        return DeadLetters.errorHandler(deadLetters, 2, true);
    }

    /**
     * Indexes for the queries the platform runs; also re-created after a rebuild drops the collections.
     * Every hot access is by primary key; {@code {_id, version}} makes the views' compare-and-set a
     * lookup on the local Mongo stand-in too (which scans for any filter that is not exactly an index).
     */
    public static void createIndexes(MongoTemplate mongo) {
        mongo.execute(ReadModels.CONVERSATIONS, c -> c.createIndex(
                Indexes.ascending("_id", ConversationViewDocuments.VERSION),
                new IndexOptions().unique(true).name("id_version")));
        mongo.execute(ReadModels.CONVERSATIONS, c -> c.createIndex(
                Indexes.compoundIndex(Indexes.ascending(ConversationViewDocuments.PARTICIPANTS),
                        Indexes.descending(ConversationViewDocuments.LAST_MESSAGE_AT))));
        mongo.execute(ReadModels.PROFILES, c -> c.createIndex(Indexes.ascending(UserProfileView.USERNAME)));
    }
}
