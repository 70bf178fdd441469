package dev.chat.notifier;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.chat.notifier.email.EmailDispatcher;
import dev.chat.notifier.email.UnsubscribeTokens;
import dev.chat.notifier.rules.NotificationRules;
import dev.chat.servicekit.DeadLetters;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

@Configuration(proxyBeanMethods = false)
class NotifierConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Every outcome's series from the start; what is due, as a gauge. */
    @Bean
    io.micrometer.core.instrument.binder.MeterBinder notifierMetrics(dev.chat.notifier.pending.PendingStore pending) {
        return meters -> {
            NotifierMetrics.register(meters);
            io.micrometer.core.instrument.Gauge.builder("chat.notify.pending", pending,
                            dev.chat.notifier.pending.PendingStore::withSomethingDue)
                    .description("users' conversations with a push or an email due").register(meters);
        };
    }

    @Bean
    NotificationRules notificationRules(NotifierProperties properties) {
        return new NotificationRules(properties.timings());
    }

    @Bean
    UnsubscribeTokens unsubscribeTokens(NotifierProperties properties) {
        return new UnsubscribeTokens(properties.secret());
    }

    @Bean
    DeadLetterPublishingRecoverer deadLetters(KafkaTemplate<Object, Object> kafka) {
        return DeadLetters.recoverer(kafka);
    }

    /**
     * Mongo unreachable: the same records again with back-off until it works (offsets are not committed
     * meanwhile). Undecodable: dead-lettered at once. Anything else: three tries, then dead-lettered.
     */
    @Bean
    CommonErrorHandler notifierErrorHandler(DeadLetterPublishingRecoverer deadLetters) {
        return DeadLetters.errorHandler(deadLetters, 2, true);
    }

    /** Due notifications are looked for every {@code chat.notify.dispatch-interval}. */
    @Bean
    SchedulingConfigurer dispatchers(EmailDispatcher email, NotifierProperties properties, MongoTemplate mongo) {
        createIndexes(mongo);
        return registrar -> registrar.addFixedDelayTask(email::dispatchDue, properties.dispatchInterval());
    }

    /** The compare-and-set writes are lookups by {@code {_id, revision}}, on the local stand-in too. */
    static void createIndexes(MongoTemplate mongo) {
        mongo.execute("notify_pending", c -> c.createIndex(Indexes.ascending("_id", "revision"),
                new IndexOptions().unique(true).name("id_revision")));
    }
}
