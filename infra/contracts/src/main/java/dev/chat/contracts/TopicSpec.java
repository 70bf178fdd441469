package dev.chat.contracts;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    /** Broker-side topic configuration for this spec. */
    public Map<String, String> configs() {
        if (compacted) {
            return Map.of("cleanup.policy", "compact");
        }
        return Map.of(
                "cleanup.policy", "delete",
                "retention.ms", retention == null ? "-1" : Long.toString(retention.toMillis()));
    }
}
