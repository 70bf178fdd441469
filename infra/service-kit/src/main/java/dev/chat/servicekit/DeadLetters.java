package dev.chat.servicekit;

import dev.chat.contracts.UndecodableRecordException;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Dead-letter publishing for every consumer: a record that cannot be processed goes, unchanged, to
 * its topic's {@code .dlt} companion with the reason in headers ({@code kafka_dlt-exception-message},
 * {@code kafka_dlt-exception-fqcn}, {@code kafka_dlt-original-topic}, {@code -partition},
 * {@code -offset}), so the partition keeps flowing and nothing is silently dropped.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static DeadLetterPublishingRecoverer recoverer(KafkaOperations<?, ?> template) {
        // Partition -1: let the producer choose, so a dead-letter topic needs no matching partition count.
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(record.topic() + ".dlt", -1)) {
            @Override
            public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
                super.accept(record, consumer, exception);
                counted(record.topic());
            }
        };
        recoverer.setAppendOriginalHeaders(true);
        return recoverer;
    }

    /**
     * Counts a dead letter as {@code chat.dead.letters{topic}} (the topic the record came from), in the
     * global registry the service's own registry is part of.
     */
    public static void counted(String topic) {
        Metrics.counter("chat.dead.letters", "topic", topic).increment();
    }

    /**
     * The consumers' error handling, the same everywhere: an undecodable record is dead-lettered at once;
     * with {@code waitOutOutages}, a failure of a backing store that is only unreachable is retried until
     * it works (offsets are not committed meanwhile); anything else is tried {@code retries} more times,
     * 500 ms apart, then dead-lettered, so one bad record never blocks a partition.
     */
    public static DefaultErrorHandler errorHandler(DeadLetterPublishingRecoverer recoverer, int retries,
            boolean waitOutOutages) {
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(500, retries));
        if (waitOutOutages) {
            handler.setBackOffFunction((record, failure) -> Failures.isTransient(failure) ? Failures.untilItWorks() : null);
        }
        handler.addNotRetryableExceptions(UndecodableRecordException.class);
        return handler;
    }
}
