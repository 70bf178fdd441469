package dev.chat.gateway.realtime;

import dev.chat.contracts.Topics;
import dev.chat.servicekit.TopicScan;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;

/** Positions in {@code chat.events.v1} and bounded scans of it, for starting and resuming sessions. */
final class EventLog implements AutoCloseable {

    private final ConsumerFactory<String, byte[]> consumers;
    private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> offsets;
    private final List<TopicPartition> partitions;

    EventLog(ConsumerFactory<String, byte[]> consumers) {
        this.consumers = consumers;
        this.offsets = consumers.createConsumer(null, "gateway-offsets", null);
        this.partitions = TopicScan.partitions(offsets, Topics.EVENTS.name(), Duration.ofSeconds(30));
    }

    /** Per partition, the offset the next committed record will get (read_committed: the last stable offset). */
    synchronized Map<Integer, Long> end() {
        return byPartition(offsets.endOffsets(partitions));
    }

    synchronized Map<Integer, Long> beginning() {
        return byPartition(offsets.beginningOffsets(partitions));
    }

    /** Reads every record in [from, to) of every partition, in order per partition. */
    void scan(Map<Integer, Long> from, Map<Integer, Long> to, Consumer<ConsumerRecord<String, byte[]>> handler) {
        if (partitions.stream().noneMatch(tp -> from.get(tp.partition()) < to.get(tp.partition()))) {
            return;
        }
        try (var reader = consumers.createConsumer(null, "gateway-resume", null)) {
            TopicScan.range(reader, byTopicPartition(from), byTopicPartition(to), handler);
        }
    }

    private Map<TopicPartition, Long> byTopicPartition(Map<Integer, Long> offsets) {
        Map<TopicPartition, Long> result = new HashMap<>();
        partitions.forEach(tp -> result.put(tp, offsets.get(tp.partition())));
        return result;
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> result = new TreeMap<>();
        offsets.forEach((tp, offset) -> result.put(tp.partition(), offset));
        return result;
    }

    @Override
    public synchronized void close() {
        offsets.close();
    }
}
