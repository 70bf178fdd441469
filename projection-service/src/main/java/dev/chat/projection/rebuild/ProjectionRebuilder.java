package dev.chat.projection.rebuild;

import dev.chat.projection.ProjectionConfiguration;
import dev.chat.servicekit.readmodels.ReadModels;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Rebuilds every read model from the log: stop the consumers, forget their committed offsets, drop
 * the collections, start again from offset 0. Because the projection is idempotent and keyed by
 * conversation version, the result equals the live state.
 *
 * <p>While it runs, queries see partial read models. It is meant for a single projection instance
 * (scale others down first).
 */
@Component
public class ProjectionRebuilder {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);

    private final KafkaListenerEndpointRegistry listeners;
    private final KafkaAdmin kafkaAdmin;
    private final MongoTemplate mongo;
    private volatile Instant lastRebuildAt;
    private volatile boolean caughtUp = true;

    ProjectionRebuilder(KafkaListenerEndpointRegistry listeners, KafkaAdmin kafkaAdmin, MongoTemplate mongo) {
        this.listeners = listeners;
        this.kafkaAdmin = kafkaAdmin;
        this.mongo = mongo;
    }

    /**
     * Returns once the consumers have restarted from the beginning; catching up continues in the background.
     *
     * @throws RebuildRunningException while an earlier rebuild is still catching up with the log
     */
    public synchronized Instant rebuild() {
        if (catchingUp()) {
            throw new RebuildRunningException(lastRebuildAt);
        }
        List<MessageListenerContainer> containers = List.copyOf(listeners.getListenerContainers());
        List<String> groups = containers.stream().map(MessageListenerContainer::getGroupId).distinct().toList();
        log.info("Rebuilding read models {} from the log; consumer groups {}", ReadModels.ALL, groups);
        containers.forEach(MessageListenerContainer::stop);
        try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
            deleteGroups(admin, groups);
        }
        ReadModels.ALL.forEach(mongo::dropCollection);
        ProjectionConfiguration.createIndexes(mongo);
        containers.forEach(MessageListenerContainer::start);
        lastRebuildAt = Instant.now();
        caughtUp = false;
        return lastRebuildAt;
    }

    /**
     * Whether the last rebuild is still replaying the log: some consumer has no partitions yet, or has not yet
     * reached the end of one it reads (its {@code records-lag}, from its own metrics, is unknown or above 0).
     */
    public boolean catchingUp() {
        if (caughtUp) {
            return false;
        }
        for (MessageListenerContainer container : listeners.getListenerContainers()) {
            Collection<TopicPartition> assigned = container.getAssignedPartitions();
            if (assigned == null || assigned.isEmpty()) {
                return true;
            }
            Map<String, Map<MetricName, ? extends Metric>> metrics = container.metrics();
            if (assigned.stream().anyMatch(partition -> !(lag(metrics, partition) == 0))) {
                return true;
            }
        }
        caughtUp = true;
        return false;
    }

    /** A consumer's lag on a partition; NaN before its first fetch. */
    private static double lag(Map<String, Map<MetricName, ? extends Metric>> metrics, TopicPartition partition) {
        return metrics.values().stream().flatMap(client -> client.entrySet().stream())
                .filter(e -> e.getKey().name().equals("records-lag")
                        && partition.topic().equals(e.getKey().tags().get("topic"))
                        && Integer.toString(partition.partition()).equals(e.getKey().tags().get("partition")))
                .map(e -> e.getValue().metricValue())
                .filter(Number.class::isInstance)
                .mapToDouble(value -> ((Number) value).doubleValue())
                .findFirst().orElse(Double.NaN);
    }

    public Instant lastRebuildAt() {
        return lastRebuildAt;
    }

    private static void deleteGroups(AdminClient admin, List<String> groups) {
        // Static members (group.instance.id) stay in the group after their consumer stops: remove them.
        for (String group : groups) {
            try {
                admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions())
                        .all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException noMembersLeft) {
                // already empty or unknown; the deletion below is what must succeed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        // The coordinator may take a moment to see the group empty.
        for (int attempt = 1; ; attempt++) {
            try {
                admin.deleteConsumerGroups(groups).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    return;
                }
                if (!(e.getCause() instanceof GroupNotEmptyException) || attempt == 50) {
                    throw new IllegalStateException("could not reset consumer groups " + groups, e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("timed out resetting consumer groups " + groups, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
