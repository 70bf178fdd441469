package dev.chat.notifier;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.Topics;
import dev.chat.testkit.ChatTestKit;
import dev.chat.testkit.ChatTestKitInitializer;
import dev.chat.testkit.KafkaProbe;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One notifier for the integration tests (one Spring context, shared): the embedded broker and Mongo wire
 * server, a real SMTP server (GreenMail), short delays, webhooks to this machine allowed, a probe to publish.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.notify.email-delay=1s", "chat.notify.email-min-interval=0s", "chat.notify.dispatch-interval=200ms",
        "chat.notify.push-delay=1s",
        // The shared context is closed at the JVM's exit, after the embedded broker: its consumers cannot stop
        // cleanly then, and surefire would wait 30 s for them.
        "spring.lifecycle.timeout-per-shutdown-phase=3s",
        "chat.notify.secret=test-secret-test-secret-test-secret-0123",
        "chat.notify.public-url=https://chat.example.test", "chat.notify.webhook-allow-private=true"})
@ContextConfiguration(initializers = ChatTestKitInitializer.class)
abstract class NotifierTestContext {

    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    static KafkaProbe probe;
    final CloudEventCodec codec = new CloudEventCodec("/test");

    @LocalServerPort
    int port;

    @BeforeAll
    static void startProbe() {
        probe = KafkaProbe.start(ChatTestKit.get().bootstrapServers(), Topics.EVENTS.deadLetterTopic());
    }

    @AfterAll
    static void stopProbe() {
        probe.close();
    }

    void publish(ChatEvent... events) {
        Arrays.stream(events).forEach(e -> probe.send(codec.event(e)));
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
