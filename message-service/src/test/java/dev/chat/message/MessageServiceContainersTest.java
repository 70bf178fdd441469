package dev.chat.message;

import dev.chat.testkit.ChatContainers;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same flows against a real Kafka broker in a container; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = "spring.kafka.streams.state-dir=${java.io.tmpdir}/message-service-ct-${random.uuid}")
@ContextConfiguration(initializers = ChatContainers.Initializer.class)
class MessageServiceContainersTest extends MessageServiceFlows {

    @BeforeAll
    static void probe() {
        startProbe(ChatContainers.bootstrapServers());
    }
}
