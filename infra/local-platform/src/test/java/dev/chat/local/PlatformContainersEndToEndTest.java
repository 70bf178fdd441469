package dev.chat.local;

import dev.chat.testkit.ChatContainers;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same end-to-end flow against real Kafka and MongoDB containers; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class PlatformContainersEndToEndTest extends PlatformEndToEndTest {

    @BeforeAll
    static void start() throws IOException {
        startPlatform(ChatContainers.bootstrapServers(), ChatContainers.mongoUri("chat"));
    }
}
