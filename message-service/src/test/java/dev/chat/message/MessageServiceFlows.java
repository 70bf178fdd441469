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
 * message-service's flows, stimulated with commands on Kafka and observed on Kafka.
 * Run against the embedded kit and, where Docker exists, against real Kafka and MongoDB.
 */
abstract class MessageServiceFlows extends MessageServiceFlowsBase {

    @Test
    void aSentMessageIsStoredAndEmittedAfterTheConversationStarted() {
        String commandId = send(alice, bob, "c1", "Hello Bob");

        List<ChatEvent> events = awaitEvents(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(ConversationStarted.class, started -> {
            assertThat(started.version()).isEqualTo(1);
            assertThat(started.participants()).containsExactlyInAnyOrder(alice, bob);
        });
        MessageSent sent = (MessageSent) events.get(1);
        assertThat(sent.version()).isEqualTo(2);
        assertThat(sent.content()).isEqualTo("Hello Bob");
        assertThat(sent.senderId()).isEqualTo(alice);
        assertThat(sent.clientMessageId()).isEqualTo("c1");

        CommandAccepted accepted = (CommandAccepted) awaitOutcome(commandId);
        assertThat(accepted.message()).isEqualTo(sent);
        assertThat(accepted.duplicate()).isFalse();
        assertThat(accepted.conversationVersion()).isEqualTo(2);
    }

    @Test
    void aRepeatedClientMessageIdCreatesNoSecondMessage() {
        send(alice, bob, "same", "once");
        String retry = send(alice, bob, "same", "once");
        String next = send(alice, bob, "other", "twice");

        CommandAccepted retried = (CommandAccepted) awaitOutcome(retry);
        awaitOutcome(next);
        assertThat(retried.duplicate()).isTrue();
        List<MessageSent> messages = awaitEvents(3).stream()
                .filter(MessageSent.class::isInstance).map(MessageSent.class::cast).toList();
        assertThat(messages).extracting(MessageSent::clientMessageId).containsExactly("same", "other");
        assertThat(messages).extracting(MessageSent::version).containsExactly(2L, 3L);
        assertThat(retried.message()).isEqualTo(messages.get(0));
    }

    @Test
    void blankAndOversizeContentIsRejectedWithNoEvent() {
        String blank = send(alice, bob, "b", "  ");
        String huge = send(alice, bob, "h", "x".repeat(4001));
        String fine = send(alice, bob, "f", "x".repeat(4000));

        assertThat(awaitOutcome(blank)).isInstanceOfSatisfying(CommandRejected.class,
                r -> assertThat(r.code()).isEqualTo(RejectionCode.INVALID));
        assertThat(awaitOutcome(huge)).isInstanceOfSatisfying(CommandRejected.class, r -> {
            assertThat(r.code()).isEqualTo(RejectionCode.TOO_LARGE);
            assertThat(r.reason()).contains("4000");
        });
        awaitOutcome(fine);
        // Only the acceptable message made it into the log, at versions 1 and 2: no version was burnt.
        assertThat(awaitEvents(2)).extracting(ChatEvent::version).containsExactly(1L, 2L);
        assertThat(((MessageSent) events().get(1)).clientMessageId()).isEqualTo("f");
    }

    @Test
    void markingReadEmitsMessagesReadUpToTheLatestMessage() {
        send(alice, bob, "c1", "one");
        awaitOutcome(send(alice, bob, "c2", "two"));

        String read = command(new MarkConversationRead(UUID.randomUUID().toString(), conversation, bob, null,
                Instant.now()));

        assertThat(awaitOutcome(read)).isInstanceOfSatisfying(CommandAccepted.class,
                a -> assertThat(a.readUpToVersion()).isEqualTo(3));
        assertThat(awaitEvents(4).get(3)).isInstanceOfSatisfying(MessagesRead.class, r -> {
            assertThat(r.readerId()).isEqualTo(bob);
            assertThat(r.upToVersion()).isEqualTo(3);
            assertThat(r.version()).isEqualTo(4);
        });
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillProcessed() {
        SendMessage afterPoison = sendCommand(alice, bob, "p", "after poison");
        ProducerRecord<String, byte[]> good = gateway.command(afterPoison, Instant.now());
        ProducerRecord<String, byte[]> poison = new ProducerRecord<>(good.topic(), null, conversation,
                "{definitely not json".getBytes(StandardCharsets.UTF_8), good.headers());
        probe.send(poison);
        probe.send(good);

        assertThat(awaitOutcome(afterPoison.commandId())).isInstanceOf(CommandAccepted.class);
        await().atMost(Duration.ofSeconds(30)).until(
                () -> !probe.records(Topics.COMMANDS.deadLetterTopic(), conversation).isEmpty());
        ConsumerRecord<String, byte[]> dead = probe.records(Topics.COMMANDS.deadLetterTopic(), conversation).get(0);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{definitely not json");
        assertThat(header(dead, "kafka_dlt-exception-message")).contains("does not match chat.command.send-message.v1");
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.COMMANDS.name());
        assertThat(awaitEvents(2)).hasSize(2);
    }

    @Test
    void recordsWithoutDataOrWithoutACommandIdAreDeadLetteredNotAnswered() {
        SendMessage valid = sendCommand(alice, bob, "n", "after the bad ones");
        ProducerRecord<String, byte[]> good = gateway.command(valid, Instant.now());
        // A null value with the command's headers, and one with no headers at all.
        probe.send(new ProducerRecord<>(good.topic(), null, conversation, null, good.headers()));
        probe.send(new ProducerRecord<>(good.topic(), conversation, null));
        // Half valid: no commandId, so no answer could ever be matched to it.
        probe.send(new ProducerRecord<>(good.topic(), null, conversation, dev.chat.contracts.ChatJson.mapper()
                .writeValueAsBytes(new SendMessage(null, conversation, alice, bob, "h", "half", "text", List.of(),
                        Instant.now())), good.headers()));
        probe.send(good);

        assertThat(awaitOutcome(valid.commandId())).isInstanceOf(CommandAccepted.class);
        await().atMost(Duration.ofSeconds(30)).until(
                () -> probe.records(Topics.COMMANDS.deadLetterTopic(), conversation).size() == 3);
        assertThat(probe.records(Topics.COMMANDS.deadLetterTopic(), conversation))
                .extracting(dead -> header(dead, "kafka_dlt-exception-message"))
                .anySatisfy(m -> assertThat(m).contains("no data"))
                .anySatisfy(m -> assertThat(m).contains("ce_specversion"))
                .anySatisfy(m -> assertThat(m).contains("commandId"));
        assertThat(probe.records(Topics.OUTCOMES.name(), conversation)).hasSize(1);
    }
}
