package dev.chat.presence.sessions;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.Ids;
import dev.chat.contracts.PresenceChanged;
import dev.chat.contracts.PresenceSignal;
import dev.chat.contracts.SessionClosed;
import dev.chat.contracts.SessionOpened;
import dev.chat.contracts.SessionsHeartbeat;
import dev.chat.contracts.Topics;
import dev.chat.contracts.UndecodableRecordException;
import dev.chat.servicekit.TopicScan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Session signals in, presence out. Partitions are owned per user: when this instance takes a
 * partition over, it first learns from the compacted presence topic which of its users are online,
 * so a restart neither forgets them nor announces them again.
 */
@Component
class SignalListener implements ConsumerSeekAware {

    static final String ID = "presence-signals";
    private static final Logger log = LoggerFactory.getLogger(SignalListener.class);

    private final PresenceService presence;
    private final ConsumerFactory<String, byte[]> consumers;
    private volatile int signalPartitions = 1;

    SignalListener(PresenceService presence, ConsumerFactory<String, byte[]> consumers) {
        this.presence = presence;
        this.consumers = consumers;
    }

    @KafkaListener(id = ID, topics = "#{T(dev.chat.contracts.Topics).PRESENCE_SIGNALS.name()}")
    void onSignal(ConsumerRecord<String, byte[]> record) {
        PresenceSignal signal = CloudEventCodec.decode(record, PresenceSignal.class).data();
        String problem = problem(record.key(), signal);
        if (problem != null) {
            // Applied, a half signal would show a user online until expiry: dead-letter it instead.
            throw new UndecodableRecordException(problem);
        }
        presence.apply(signal);
    }

    /** What is missing or wrong in a signal, or null if it can be applied. */
    static String problem(String key, PresenceSignal signal) {
        if (!Ids.isValidUserId(signal.userId()) || !signal.userId().equals(key)) {
            return "the signal's userId is missing, invalid or not the record key";
        }
        if (signal.gatewayId() == null || signal.gatewayId().isBlank()) {
            return "the signal has no gatewayId";
        }
        if (signal instanceof SessionOpened opened) {
            return blank(opened.sessionId()) || opened.openedAt() == null ? "SessionOpened needs sessionId and openedAt" : null;
        }
        if (signal instanceof SessionClosed closed) {
            return blank(closed.sessionId()) || closed.closedAt() == null ? "SessionClosed needs sessionId and closedAt" : null;
        }
        SessionsHeartbeat heartbeat = (SessionsHeartbeat) signal;
        return heartbeat.sentAt() == null || heartbeat.sessionIds().stream().anyMatch(SignalListener::blank)
                ? "SessionsHeartbeat needs sentAt and non-blank sessionIds" : null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        if (assignments.isEmpty()) {
            return;
        }
        Set<Integer> owned = assignments.keySet().stream().map(TopicPartition::partition).collect(Collectors.toSet());
        Map<String, PresenceChanged> latest = readPresenceLog();
        int restored = 0;
        for (PresenceChanged change : latest.values()) {
            if (change.online() && owned.contains(partitionOf(change.userId(), signalPartitions))) {
                presence.restoreOnline(change.userId(), change.lastSeenAt());
                restored++;
            }
        }
        log.info("Took over signal partitions {}: {} users were online", owned, restored);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Set<Integer> revoked = partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
        presence.forget(userId -> revoked.contains(partitionOf(userId, signalPartitions)));
    }

    /** The Kafka default partitioner's choice for a key: where this user's signals land. */
    static int partitionOf(String userId, int partitions) {
        return Utils.toPositive(Utils.murmur2(userId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The latest presence record per user, read from the beginning of the compacted topic to its end. */
    private Map<String, PresenceChanged> readPresenceLog() {
        Map<String, PresenceChanged> latest = new HashMap<>();
        try (Consumer<String, byte[]> reader = consumers.createConsumer("presence-restore", "-restore")) {
            signalPartitions = reader.partitionsFor(Topics.PRESENCE_SIGNALS.name()).size();
            TopicScan.toEnd(reader, Topics.PRESENCE.name(), Duration.ofSeconds(30), record -> {
                if (record.value() == null) {
                    latest.remove(record.key());
                    return;
                }
                try {
                    latest.put(record.key(), CloudEventCodec.decode(record, PresenceChanged.class).data());
                } catch (RuntimeException e) {
                    log.warn("Skipping undecodable presence record {}-{}@{}: {}", record.topic(),
                            record.partition(), record.offset(), e.getMessage());
                }
            });
        }
        return latest;
    }
}
