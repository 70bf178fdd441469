package dev.chat.servicekit;

import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

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
                (record, exception) -> new TopicPartition(record.topic() + ".dlt", -1));
        recoverer.setAppendOriginalHeaders(true);
        return recoverer;
    }
}
