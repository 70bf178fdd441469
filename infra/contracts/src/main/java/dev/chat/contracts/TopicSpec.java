package dev.chat.contracts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One row of the topic catalogue. Code creates topics from it and the README documents it, so the
 * two cannot drift apart.
 *
 * @param retention how long records are kept; null means forever
 */
public record TopicSpec(
        String name,
        String key,
        int partitions,
        boolean compacted,
        Duration retention,
        String producer,
        List<String> consumers,
        String description) {

    public TopicSpec {
        consumers = List.copyOf(consumers);
    }

    /** The topic's dead-letter companion, where undecodable records go with the reason in headers. */
    public String deadLetterTopic() {
        return name + ".dlt";
    }

    public boolean isDeadLetterTopic() {
        return name.endsWith(".dlt");
    }

    /**
     * The admin request that creates this topic.
     *
     * @param partitionsOverride partitions for keyed topics, or 0 for the catalogue's; dead-letter
     *                           topics always keep theirs
     * @param replicationFactor  replicas, or 0 for the broker's default.replication.factor
     */
    public NewTopic newTopic(int partitionsOverride, short replicationFactor) {
        int count = partitionsOverride > 0 && !isDeadLetterTopic() ? partitionsOverride : partitions;
        Optional<Short> replicas = replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty();
        return new NewTopic(name, Optional.of(count), replicas).configs(configs());
    }

    /** Broker-side topic configuration for this spec. */
    public Map<String, String> configs() {
        if (compacted) {
            return Map.of("cleanup.policy", "compact");
        }
        if (retention == null) {
            return Map.of("cleanup.policy", "delete", "retention.ms", "-1");
        }
        String millis = Long.toString(retention.toMillis());
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            // Retention only deletes closed segments: roll them as often, or "short" means a week.
            return Map.of("cleanup.policy", "delete", "retention.ms", millis, "segment.ms", millis);
        }
        return Map.of("cleanup.policy", "delete", "retention.ms", millis);
    }
}
