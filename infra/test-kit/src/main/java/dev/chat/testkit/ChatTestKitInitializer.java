package dev.chat.testkit;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring Boot test context at the shared {@link ChatTestKit}:
 * {@code @ContextConfiguration(initializers = ChatTestKitInitializer.class)}.
 */
public class ChatTestKitInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String DATABASE = "chat";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ChatTestKit kit = ChatTestKit.get();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("chat-test-kit", Map.of(
                "spring.kafka.bootstrap-servers", kit.bootstrapServers(),
                "spring.mongodb.uri", kit.mongoUri(DATABASE),
                "chat.topics.partitions", "3",
                // The gateway's uploads under the test JVM's temporary directory (target/tmp), not the module's.
                "chat.gateway.attachments.directory",
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "attachments").toString())));
    }
}
