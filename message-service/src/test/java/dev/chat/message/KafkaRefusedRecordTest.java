package dev.chat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.CommandRejected;
import dev.chat.contracts.CreateGroup;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.RejectionCode;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.Topics;
import dev.chat.testkit.ChatTestKit;
import dev.chat.testkit.ChatTestKitInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * A command whose event Kafka refuses (here: larger than the producer's max.request.size, set low for the test — in the
 * probe it was a per-message state past 1 MB). The step fails and its transaction is aborted, the replacement
 * thread reads the command again and sets it aside: dead-lettered with the reason, its issuer refused, and the
 * conversation's next command decided — the partition does not stop.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.streams.state-dir=${java.io.tmpdir}/message-service-refused-${random.uuid}",
        "spring.kafka.streams.application-id=message-service-refused",
        "spring.kafka.streams.properties[producer.max.request.size]=6000"})
@ContextConfiguration(initializers = ChatTestKitInitializer.class)
class KafkaRefusedRecordTest extends MessageServiceFlowsBase {

    @LocalServerPort
    private int port;

    @BeforeAll
    static void probe() {
        startProbe(ChatTestKit.get().bootstrapServers());
        // The decision thread dies on purpose here (and is replaced): not a failure of the test.
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    @AfterAll
    static void restoreAwaitility() {
        Awaitility.reset();
    }

    @Test
    void aCommandWhoseEventKafkaRefusesIsSetAsideAndThePartitionMovesOn() throws Exception {
        // A group of 40 members with long ids: each of its messages carries them all (2.3 KB) — the command does not.
        String group = Ids.newGroupId();
        conversation = group;
        List<String> members = IntStream.range(0, 39).mapToObj(i -> "member-" + i + "-" + "x".repeat(45)).toList();
        assertThat(awaitOutcome(command(new CreateGroup(UUID.randomUUID().toString(), group, alice, "Big", members,
                Instant.now())))).isInstanceOf(CommandAccepted.class);
        assertThat(awaitOutcome(inGroup(group, "before", "before"))).isInstanceOf(CommandAccepted.class);
        // A 3,800-character message: 4.2 KB as a command, over the producer's 6,000 bytes as an event.
        String refused = inGroup(group, "refused", "x".repeat(3800));
        String after = inGroup(group, "after", "after");

        assertThat(awaitOutcome(refused)).isInstanceOfSatisfying(CommandRejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo(RejectionCode.TOO_LARGE);
            assertThat(rejected.reason()).contains("set aside");
        });
        assertThat(awaitOutcome(after)).isInstanceOf(CommandAccepted.class);
        await().atMost(Duration.ofSeconds(60)).until(
                () -> !probe.records(Topics.COMMANDS.deadLetterTopic(), group).isEmpty());
        ConsumerRecord<String, byte[]> dead = probe.records(Topics.COMMANDS.deadLetterTopic(), group).get(0);
        assertThat(CloudEventCodec.header(dead.headers(), "kafka_dlt-exception-message"))
                .contains("was refused").contains("max.request.size");
        assertThat(CloudEventCodec.decode(dead, ChatCommand.class).data().commandId()).isEqualTo(refused);
        List<ChatEvent> events = awaitEvents(3);
        assertThat(events).filteredOn(MessageSent.class::isInstance)
                .extracting(e -> ((MessageSent) e).content()).containsExactly("before", "after");
        // One thread died for it: not yet "keeps dying".
        assertThat(get("/actuator/health/liveness")).contains("\"UP\"");
    }

    private String inGroup(String group, String clientMessageId, String content) {
        return command(new SendMessage(UUID.randomUUID().toString(), group, alice, null, clientMessageId, content, "text",
                List.of(), Instant.now()));
    }

    private String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
