package dev.chat.testkit;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Real Kafka and MongoDB in containers, for the same flows where a Docker engine exists. Test classes
 * using it carry {@code @Testcontainers(disabledWithoutDocker = true)}, so they are skipped, not
 * failed, where Docker is absent; the containers start only when such a class actually runs.
 */
public final class ChatContainers {

    public static final String KAFKA_IMAGE = "apache/kafka:4.2.1";
    public static final String MONGO_IMAGE = "mongo:8.0";

    private static KafkaContainer kafka;
    private static MongoDBContainer mongo;

    private ChatContainers() {
    }

    public static synchronized void start() {
        if (kafka == null) {
            kafka = new KafkaContainer(KAFKA_IMAGE);
            mongo = new MongoDBContainer(MONGO_IMAGE);
            kafka.start();
            mongo.start();
        }
    }

    public static String bootstrapServers() {
        start();
        return kafka.getBootstrapServers();
    }

    public static String mongoUri(String database) {
        start();
        return mongo.getReplicaSetUrl(database);
    }

    /** Spring initializer: {@code @ContextConfiguration(initializers = ChatContainers.Initializer.class)}. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("chat-containers", Map.of(
                    "spring.kafka.bootstrap-servers", bootstrapServers(),
                    "spring.mongodb.uri", mongoUri(ChatTestKitInitializer.DATABASE),
                    "chat.topics.partitions", "3")));
        }
    }
}
