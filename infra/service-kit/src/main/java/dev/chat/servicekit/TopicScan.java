package dev.chat.servicekit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reading a topic by assignment (no consumer group): its partitions, a bounded range of it, or all of it
 * up to the end as of now. The catch-up loops of the gateway's feeds and event log and of
 * presence-service's restore are this one loop.
 */
public final class TopicScan {

    private static final Duration POLL = Duration.ofMillis(200);

    private TopicScan() {
    }

    public static List<TopicPartition> partitions(Consumer<?, ?> consumer, String topic, Duration timeout) {
        return consumer.partitionsFor(topic, timeout).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
    }

    /** Whether the consumer's position has reached {@code end} on every partition. */
    public static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /**
     * Hands every record in {@code [from, to)} of each partition to {@code handler}, in order per partition.
     * The consumer is assigned exactly the partitions with something to read.
     */
    public static <K, V> void range(Consumer<K, V> consumer, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to,
            java.util.function.Consumer<ConsumerRecord<K, V>> handler) {
        Map<TopicPartition, Long> behind = to.entrySet().stream()
                .filter(e -> from.get(e.getKey()) < e.getValue())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (behind.isEmpty()) {
            return;
        }
        consumer.assign(behind.keySet());
        behind.keySet().forEach(tp -> consumer.seek(tp, from.get(tp)));
        while (!reached(consumer, behind)) {
            for (ConsumerRecord<K, V> record : consumer.poll(POLL)) {
                Long end = behind.get(new TopicPartition(record.topic(), record.partition()));
                if (end != null && record.offset() < end) {
                    handler.accept(record);
                }
            }
        }
    }

    /** Hands every record of the topic, from its beginning to its end as of now, to {@code handler}. */
    public static <K, V> void toEnd(Consumer<K, V> consumer, String topic, Duration timeout,
            java.util.function.Consumer<ConsumerRecord<K, V>> handler) {
        List<TopicPartition> all = partitions(consumer, topic, timeout);
        range(consumer, consumer.beginningOffsets(all), consumer.endOffsets(all), handler);
    }
}
