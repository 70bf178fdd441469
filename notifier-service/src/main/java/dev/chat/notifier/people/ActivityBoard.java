package dev.chat.notifier.people;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.PresenceChanged;
import dev.chat.contracts.PresenceSignal;
import dev.chat.contracts.SessionOpened;
import dev.chat.contracts.SessionsHeartbeat;
import dev.chat.contracts.Topics;
import dev.chat.contracts.UndecodableRecordException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Who is active: online (presence-service's {@code chat.presence.v1}, read whole) and did something on a session
 * lately (the gateways' heartbeats carry when; a session opening counts), from {@code chat.presence-signals.v1}
 * read from a few minutes back. Every instance reads both topics whole (no consumer group): a push may be
 * decided on any instance. "Active" is not "connected": an idle open tab does not swallow notifications.
 */
@Component
public class ActivityBoard implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ActivityBoard.class);
    /** Signals are read from this far back at start: more than the active window, less than their retention. */
    private static final Duration LOOK_BACK = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(500);

    private final ConsumerFactory<String, byte[]> consumers;
    private final Clock clock;
    private final Map<String, Boolean> online = new ConcurrentHashMap<>();
    private final Map<String, Long> activeAt = new ConcurrentHashMap<>();
    private volatile Consumer<String, byte[]> consumer;
    private volatile Thread thread;

    ActivityBoard(ConsumerFactory<String, byte[]> consumers, Clock clock) {
        this.consumers = consumers;
        this.clock = clock;
    }

    /** Online now and did something within {@code window} of {@code now}. */
    public boolean active(String userId, Instant now, Duration window) {
        Long at = activeAt.get(userId);
        return Boolean.TRUE.equals(online.get(userId)) && at != null && at >= now.minus(window).toEpochMilli();
    }

    void apply(PresenceChanged presence) {
        online.put(presence.userId(), presence.online());
    }

    void apply(PresenceSignal signal) {
        Instant at = signal instanceof SessionsHeartbeat heartbeat ? heartbeat.lastActiveAt()
                : signal instanceof SessionOpened opened ? opened.openedAt() : null;
        if (at != null) {
            activeAt.merge(signal.userId(), at.toEpochMilli(), Math::max);
        }
    }

    @Override
    public void start() {
        consumer = consumers.createConsumer("notifier-activity", null, null, null);
        thread = new Thread(this::run, "notifier-activity");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> presence = partitions(Topics.PRESENCE.name());
            List<TopicPartition> signals = partitions(Topics.PRESENCE_SIGNALS.name());
            consumer.assign(java.util.stream.Stream.concat(presence.stream(), signals.stream()).toList());
            consumer.seekToBeginning(presence);
            Map<TopicPartition, Long> from = new HashMap<>();
            signals.forEach(tp -> from.put(tp, clock.instant().minus(LOOK_BACK).toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(from);
            for (TopicPartition tp : signals) {
                OffsetAndTimestamp offset = offsets.get(tp);
                if (offset != null) {
                    consumer.seek(tp, offset.offset());
                } else {
                    consumer.seekToEnd(List.of(tp));
                }
            }
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("The activity board stopped reading: {}", e.toString());
        } finally {
            consumer.close();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            Object data = CloudEventCodec.decode(record).data();
            if (data instanceof PresenceChanged presence) {
                apply(presence);
            } else if (data instanceof PresenceSignal signal) {
                apply(signal);
            }
        } catch (UndecodableRecordException e) {
            // presence-service dead-letters its undecodable input; nothing to learn from it here
        }
    }

    private List<TopicPartition> partitions(String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    @Override
    public void stop() {
        Consumer<String, byte[]> running = consumer;
        if (running != null) {
            running.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null && thread.isAlive();
    }
}
