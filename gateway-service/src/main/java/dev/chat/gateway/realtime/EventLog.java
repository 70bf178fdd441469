package dev.chat.gateway.realtime;

import dev.chat.contracts.Topics;
import dev.chat.servicekit.TopicScan;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Positions in {@code chat.events.v1} and bounded scans of it, for starting and resuming sessions. Where the
 * gateway's own live feed has got to ({@link #live()}) costs nothing to ask — a session starting from now needs
 * nothing else; the broker is asked only for what the feed cannot say (a cursor from a gateway further along,
 * the log's beginning, kept for a few seconds). Scans reuse a few consumers instead of creating one per resume.
 */
final class EventLog implements AutoCloseable {

    private static final Duration BEGINNING_KEPT = Duration.ofSeconds(10);

    private final ConsumerFactory<String, byte[]> consumers;
    private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> offsets;
    private final List<TopicPartition> partitions;
    private final Map<Integer, Long> live = new ConcurrentHashMap<>();
    private final BlockingQueue<org.apache.kafka.clients.consumer.Consumer<String, byte[]>> readers;
    private final List<org.apache.kafka.clients.consumer.Consumer<String, byte[]>> allReaders =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final int maxReaders;
    private Map<Integer, Long> beginning;
    private long beginningAt;

    EventLog(ConsumerFactory<String, byte[]> consumers, int maxReaders) {
        this.consumers = consumers;
        this.maxReaders = maxReaders;
        this.readers = new ArrayBlockingQueue<>(maxReaders);
        this.offsets = consumers.createConsumer(null, "gateway-offsets", null);
        this.partitions = TopicScan.partitions(offsets, Topics.EVENTS.name(), Duration.ofSeconds(30));
    }

    /** The live feed is about to hand over the record before {@code next} (or starts there). */
    void advance(int partition, long next) {
        live.merge(partition, next, Math::max);
    }

    /** Whether the live feed has said where it is on every partition. */
    boolean liveKnown() {
        return live.size() == partitions.size();
    }

    /**
     * Per partition, the next offset the live feed will hand over: every record before it has been handed over,
     * every record from it on will be handed over after this call.
     */
    Map<Integer, Long> live() {
        return new TreeMap<>(live);
    }

    /** Per partition, the offset the next committed record will get (read_committed: the last stable offset). */
    synchronized Map<Integer, Long> end() {
        return byPartition(offsets.endOffsets(partitions));
    }

    synchronized Map<Integer, Long> beginning() {
        long now = System.nanoTime();
        if (beginning == null || now - beginningAt > BEGINNING_KEPT.toNanos()) {
            beginning = byPartition(offsets.beginningOffsets(partitions));
            beginningAt = now;
        }
        return beginning;
    }

    /** Reads every record in [from, to) of every partition, in order per partition. */
    void scan(Map<Integer, Long> from, Map<Integer, Long> to, Consumer<ConsumerRecord<String, byte[]>> handler) {
        if (partitions.stream().noneMatch(tp -> from.get(tp.partition()) < to.get(tp.partition()))) {
            return;
        }
        var reader = reader();
        try {
            TopicScan.range(reader, byTopicPartition(from), byTopicPartition(to), handler);
        } finally {
            readers.offer(reader);
        }
    }

    private org.apache.kafka.clients.consumer.Consumer<String, byte[]> reader() {
        var reader = readers.poll();
        if (reader != null) {
            return reader;
        }
        synchronized (this) {
            if (allReaders.size() < maxReaders) {
                var created = consumers.createConsumer(null, "gateway-resume", null);
                allReaders.add(created);
                return created;
            }
        }
        try {
            return readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a reader of the event log", e);
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
        allReaders.forEach(reader -> {
            try {
                reader.close();
            } catch (RuntimeException e) {
                // closing anyway
            }
        });
    }
}
