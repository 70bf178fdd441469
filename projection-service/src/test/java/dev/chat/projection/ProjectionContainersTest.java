package dev.chat.projection;

import dev.chat.testkit.ChatContainers;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same flows against real Kafka and MongoDB; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest
@ContextConfiguration(initializers = ChatContainers.Initializer.class)
class ProjectionContainersTest extends ProjectionFlows {

    @BeforeAll
    static void probe() {
        startProbe(ChatContainers.bootstrapServers());
    }
}
