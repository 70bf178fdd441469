package dev.chat.projection.rebuild;

import dev.chat.projection.ProjectionConfiguration;
import dev.chat.servicekit.readmodels.ReadModels;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
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

    ProjectionRebuilder(KafkaListenerEndpointRegistry listeners, KafkaAdmin kafkaAdmin, MongoTemplate mongo) {
        this.listeners = listeners;
        this.kafkaAdmin = kafkaAdmin;
        this.mongo = mongo;
    }

    /** Returns once the consumers have restarted from the beginning; catching up continues in the background. */
    public synchronized Instant rebuild() {
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
        return lastRebuildAt;
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
