package dev.chat.gateway.realtime;

import dev.chat.servicekit.TopicScan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Follows every partition of one topic on its own thread, without a consumer group: every gateway
 * instance sees every record, because any of them may hold a recipient's session. Starts at the end
 * (live traffic only) or at the beginning (to load a compacted topic). A record the handler cannot
 * take is logged and skipped: the gateway only delivers; the topic's owner dead-letters.
 */
final class LiveFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final String topic;
    private final boolean fromBeginning;
    private final ConsumerFactory<String, byte[]> consumers;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final Properties overrides = new Properties();
    private java.util.function.BiConsumer<Integer, Long> positions = (partition, next) -> { };
    private final Thread thread;
    private volatile org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile boolean ready;

    LiveFeed(String topic, boolean fromBeginning, ConsumerFactory<String, byte[]> consumers,
            Consumer<ConsumerRecord<String, byte[]>> handler) {
        this.topic = topic;
        this.fromBeginning = fromBeginning;
        this.consumers = consumers;
        this.handler = handler;
        this.thread = new Thread(this::run, "feed-" + topic);
        this.thread.setDaemon(true);
    }

    /**
     * For a feed off the message path: the broker answers a fetch once it has a batch or after
     * {@code wait}, so a busy topic costs a few large fetches instead of one per record.
     */
    LiveFeed batchingFor(Duration wait) {
        overrides.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "65536");
        overrides.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Long.toString(wait.toMillis()));
        return this;
    }

    /**
     * Tells {@code sink} the next offset this feed will hand over, per partition: where it starts, and before each
     * record is handled, that record's offset + 1. So whoever reads a position afterwards knows every record at or
     * past it is still to be handled (it is handled after that read).
     */
    LiveFeed trackingPositionsIn(java.util.function.BiConsumer<Integer, Long> sink) {
        this.positions = sink;
        return this;
    }

    LiveFeed start() {
        thread.start();
        return this;
    }

    /** Assigned and, when reading from the beginning, caught up with what existed at start. */
    boolean ready() {
        return ready;
    }

    private void run() {
        while (running) {
            try (var kafka = consumers.createConsumer(null, "gateway-feed-" + topic, null, overrides)) {
                consumer = kafka;
                follow(kafka);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                ready = false;
                log.warn("Feed of {} failed, starting over from its end: {}", topic, e.toString());
                pause();
            }
        }
    }

    private void follow(org.apache.kafka.clients.consumer.Consumer<String, byte[]> kafka) {
        List<TopicPartition> partitions = TopicScan.partitions(kafka, topic, Duration.ofSeconds(30));
        kafka.assign(partitions);
        Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
        if (fromBeginning) {
            kafka.seekToBeginning(partitions);
        } else {
            end.forEach(kafka::seek);
            end.forEach((partition, offset) -> positions.accept(partition.partition(), offset));
        }
        boolean caughtUp = !fromBeginning;
        ready = caughtUp;
        while (running) {
            for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(500))) {
                positions.accept(record.partition(), record.offset() + 1);
                try {
                    handler.accept(record);
                } catch (RuntimeException e) {
                    log.warn("Skipping {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
                }
            }
            if (!caughtUp && TopicScan.reached(kafka, end)) {
                caughtUp = true;
                ready = true;
            }
        }
    }

    /** A plain pause on the feed's own thread: it has nothing else to do until Kafka is back. */
    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        var current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
