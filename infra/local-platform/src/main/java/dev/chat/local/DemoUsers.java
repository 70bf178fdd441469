package dev.chat.local;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.UserProfileUpdated;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A few people to talk to on a fresh local platform, published like any profile to chat.users.v1. */
final class DemoUsers {

    static final List<UserProfileUpdated> USERS = List.of(
            profile("alice", "Alice Liddell"),
            profile("bob", "Bob Marley"),
            profile("carol", "Carol Danvers"),
            profile("dave", "Dave Bowman"));

    private DemoUsers() {
    }

    private static UserProfileUpdated profile(String id, String fullName) {
        return new UserProfileUpdated(id, id, fullName, "https://api.dicebear.com/9.x/initials/svg?seed=" + id,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Publishes the demo profiles; the compacted topic keeps one per user however often this runs. */
    static void seed(String bootstrapServers) {
        CloudEventCodec codec = new CloudEventCodec("/local-platform");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (UserProfileUpdated user : USERS) {
                producer.send(codec.profile(new UserProfileUpdated(user.userId(), user.username(), user.fullName(),
                        user.avatarUrl(), Instant.now().truncatedTo(ChronoUnit.MILLIS)))).get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not seed demo users", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
