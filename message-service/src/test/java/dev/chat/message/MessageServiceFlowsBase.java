package dev.chat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.CommandOutcome;
import dev.chat.contracts.CommandRejected;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MarkConversationRead;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessagesRead;
import dev.chat.contracts.RejectionCode;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.Topics;
import dev.chat.testkit.KafkaProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A probe on message-service's topics and the helpers its tests share: each test talks in its own
 * conversation (new users), sends commands as the gateway would and waits for outcomes and events.
 */
abstract class MessageServiceFlowsBase {

    private static final AtomicInteger USERS = new AtomicInteger();
    protected static KafkaProbe probe;
    protected final CloudEventCodec gateway = new CloudEventCodec("/test-gateway");

    protected String alice;
    protected String bob;
    protected String conversation;

    /** Each test talks in its own conversation, so tests sharing the broker cannot see each other. */
    @BeforeEach
    void newUsers() {
        String run = Integer.toString(USERS.incrementAndGet()) + UUID.randomUUID().toString().substring(0, 6);
        alice = "alice" + run;
        bob = "bob" + run;
        conversation = Ids.directConversationId(alice, bob);
    }

    protected static void startProbe(String bootstrapServers) {
        probe = KafkaProbe.start(bootstrapServers, Topics.EVENTS.name(), Topics.OUTCOMES.name(),
                Topics.COMMANDS.deadLetterTopic());
    }

    @AfterAll
    static void stopProbe() {
        if (probe != null) {
            probe.close();
        }
    }

    // --- helpers ---

    protected SendMessage sendCommand(String from, String to, String clientMessageId, String content) {
        return new SendMessage(UUID.randomUUID().toString(), Ids.directConversationId(from, to), from, to,
                clientMessageId, content, "text", List.of(), Instant.now());
    }

    protected String send(String from, String to, String clientMessageId, String content) {
        return command(sendCommand(from, to, clientMessageId, content));
    }

    protected String command(dev.chat.contracts.ChatCommand command) {
        probe.send(gateway.command(command, Instant.now()));
        return command.commandId();
    }

    protected List<ChatEvent> events() {
        return probe.payloads(Topics.EVENTS.name(), conversation, ChatEvent.class);
    }

    /** Waits until the conversation has exactly {@code count} events, and checks versions are 1..count. */
    protected List<ChatEvent> awaitEvents(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> events().size() >= count);
        List<ChatEvent> events = events();
        assertThat(events).hasSize(count);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).version()).as("version of event %d", i).isEqualTo(i + 1);
        }
        return events;
    }

    protected CommandOutcome awaitOutcome(String commandId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> outcome(commandId) != null);
        return outcome(commandId);
    }

    private CommandOutcome outcome(String commandId) {
        return probe.payloads(Topics.OUTCOMES.name(), CommandOutcome.class).stream()
                .filter(o -> o.commandId().equals(commandId)).findFirst().orElse(null);
    }

    protected static String header(ConsumerRecord<String, byte[]> record, String name) {
        return CloudEventCodec.header(record.headers(), name);
    }
}
