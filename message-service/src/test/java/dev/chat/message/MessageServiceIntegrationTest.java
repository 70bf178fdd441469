package dev.chat.message;

import dev.chat.testkit.ChatTestKit;
import dev.chat.testkit.ChatTestKitInitializer;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** message-service against the embedded KRaft broker. */
@SpringBootTest(properties = "spring.kafka.streams.state-dir=${java.io.tmpdir}/message-service-it-${random.uuid}")
@ContextConfiguration(initializers = ChatTestKitInitializer.class)
class MessageServiceIntegrationTest extends MessageServiceFlows {

    @BeforeAll
    static void probe() {
        startProbe(ChatTestKit.get().bootstrapServers());
    }
}
