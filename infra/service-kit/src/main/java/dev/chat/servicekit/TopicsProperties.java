package dev.chat.servicekit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How topics from the catalogue are created.
 *
 * @param partitions        partitions of every keyed topic; 0 keeps the catalogue's default
 * @param replicationFactor replicas of every topic; 0 uses the broker's default.replication.factor
 */
@ConfigurationProperties("chat.topics")
public record TopicsProperties(int partitions, short replicationFactor) {
}
