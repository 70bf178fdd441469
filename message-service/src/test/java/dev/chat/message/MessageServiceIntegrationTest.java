package dev.chat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.Topics;
import dev.chat.testkit.ChatTestKit;
import dev.chat.testkit.ChatTestKitInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/** message-service against the embedded KRaft broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.kafka.streams.state-dir=${java.io.tmpdir}/message-service-it-${random.uuid}")
@ContextConfiguration(initializers = ChatTestKitInitializer.class)
class MessageServiceIntegrationTest extends MessageServiceFlows {

    @LocalServerPort
    private int port;

    @BeforeAll
    static void probe() {
        startProbe(ChatTestKit.get().bootstrapServers());
    }

    @Test
    void prometheusShowsDecisionsByOutcomeAndKafkaStreamsMetrics() {
        awaitOutcome(send(alice, bob, "metered", "count me"));
        probe.send(new ProducerRecord<>(Topics.COMMANDS.name(), conversation, "no headers".getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(prometheus())
                .contains("chat_commands_decided_total{code=\"none\",outcome=\"accepted\",type=\"send-message\"")
                .contains("chat_dead_letters_total{topic=\"chat.commands.v1\"")
                .contains("kafka_stream"));
    }

    private String prometheus() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
