package dev.chat.message.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.BlockChanged;
import dev.chat.contracts.BlockUser;
import dev.chat.contracts.UnblockUser;
import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.CommandRejected;
import dev.chat.contracts.DeleteMessage;
import dev.chat.contracts.EditMessage;
import dev.chat.contracts.MessageReported;
import dev.chat.contracts.ReactToMessage;
import dev.chat.contracts.RejectionCode;
import dev.chat.contracts.ReplyPreview;
import dev.chat.contracts.ReportMessage;
import dev.chat.contracts.ReportReason;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.CommandOutcome;
import dev.chat.contracts.MarkConversationRead;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.Topics;
import dev.chat.contracts.UrlPolicy;
import dev.chat.servicekit.KafkaTraces;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stream around the decider, without a broker: state carried from command to command, the dedupe
 * window, and dead letters. Time is the commands' record time, moved by the test.
 */
class DecisionTopologyTest {

    private static final Duration WINDOW = Duration.ofHours(1);
    private static final Instant START = Instant.parse("2026-11-24T12:00:00Z");
    /** Small, so that a long message is a command whose records would not fit. */
    private static final int MAX_RECORD_BYTES = 6000;

    private final AtomicInteger ids = new AtomicInteger();
    private final PoisonCommands poison = new PoisonCommands();
    private final CloudEventCodec gateway = new CloudEventCodec("/test");
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> commands;
    private TestOutputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> outcomes;
    private TestOutputTopic<String, byte[]> deadLetters;
    private TestOutputTopic<String, byte[]> reports;
    private TestOutputTopic<String, byte[]> blocks;

    @BeforeEach
    void start() {
        Clock clock = Clock.fixed(START, ZoneOffset.UTC);
        Deciders decider = new Deciders(
                new ConversationDecider(4000, new UrlPolicy(false), clock, () -> "m" + ids.incrementAndGet()),
                new GroupDecider(256, clock), new MessageActionDecider(Duration.ofMinutes(15), 4000, clock),
                new BlockDecider(clock));
        Topology topology = DecisionTopology.addTo(new Topology(), () -> new CommandProcessor(decider, WINDOW, clock,
                KafkaTraces.NOOP, MAX_RECORD_BYTES, poison));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "message-service-test");
        config.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/topology-" + UUID.randomUUID());
        driver = new TopologyTestDriver(topology, config, START);
        commands = driver.createInputTopic(Topics.COMMANDS.name(), new StringSerializer(), new ByteArraySerializer());
        events = driver.createOutputTopic(Topics.EVENTS.name(), new StringDeserializer(), new ByteArrayDeserializer());
        outcomes = driver.createOutputTopic(Topics.OUTCOMES.name(), new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(Topics.COMMANDS.deadLetterTopic(), new StringDeserializer(),
                new ByteArrayDeserializer());
        reports = driver.createOutputTopic(Topics.REPORTS.name(), new StringDeserializer(), new ByteArrayDeserializer());
        blocks = driver.createOutputTopic(Topics.BLOCKS.name(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void versionsContinueFromTheStoredStateAndEventsAreKeyedByConversation() {
        send("c1", "one", START);
        send("c2", "two", START.plusSeconds(1));
        read("bob", START.plusSeconds(2));

        List<TestRecord<String, byte[]>> records = events.readRecordsToList();
        assertThat(records).extracting(TestRecord::key).containsOnly("dm.alice.bob");
        assertThat(records).extracting(r -> decode(r, ChatEvent.class).version()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(outcomes.readRecordsToList()).extracting(r -> decode(r, CommandOutcome.class))
                .allSatisfy(outcome -> assertThat(outcome).isInstanceOf(CommandAccepted.class));
    }

    @Test
    void whatIsKnownOfAMessageIsCarriedFromCommandToCommand() {
        send("c1", "Lunch at noon?", START);
        MessageSent lunch = (MessageSent) decode(events.readRecordsToList().get(1), ChatEvent.class);

        command(new ReactToMessage("r1", "dm.alice.bob", "bob", lunch.messageId(), "\uD83D\uDC4D", true, START));
        command(new ReactToMessage("r2", "dm.alice.bob", "bob", lunch.messageId(), "\uD83D\uDC4D", true, START));
        command(new EditMessage("e1", "dm.alice.bob", "alice", lunch.messageId(), "Lunch at one?", START));
        command(new SendMessage("s2", "dm.alice.bob", "bob", null, "c2", "Yes", "text", List.of(), START,
                lunch.messageId()));
        command(new DeleteMessage("d1", "dm.alice.bob", "alice", lunch.messageId(), START));
        command(new ReactToMessage("r3", "dm.alice.bob", "bob", lunch.messageId(), "party", true, START));

        List<ChatEvent> recorded = events.readRecordsToList().stream().map(r -> decode(r, ChatEvent.class)).toList();
        // The second identical reaction recorded nothing; the reply quotes the edited text; the deleted
        // message takes no more reactions.
        assertThat(recorded).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("ReactionAdded", "MessageEdited", "MessageSent", "MessageDeleted");
        assertThat(((MessageSent) recorded.get(2)).replyTo())
                .isEqualTo(new ReplyPreview(lunch.messageId(), "alice", "Lunch at one?"));
        List<CommandOutcome> answers = outcomes.readRecordsToList().stream().map(r -> decode(r, CommandOutcome.class))
                .toList();
        assertThat(answers.get(answers.size() - 1)).isInstanceOfSatisfying(CommandRejected.class,
                rejected -> assertThat(rejected.code()).isEqualTo(RejectionCode.CONFLICT));
    }

    @Test
    void aReportGoesToTheReportsTopicOnceAndNotToTheConversation() {
        send("c1", "Buy cheap watches", START);
        MessageSent spam = (MessageSent) decode(events.readRecordsToList().get(1), ChatEvent.class);
        outcomes.readRecordsToList();

        command(new ReportMessage("p1", "dm.alice.bob", "bob", spam.messageId(), "spam", "again", START));
        command(new ReportMessage("p2", "dm.alice.bob", "bob", spam.messageId(), "hate", null, START));

        List<TestRecord<String, byte[]>> published = reports.readRecordsToList();
        assertThat(published).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("dm.alice.bob");
            assertThat(decode(record, MessageReported.class)).isEqualTo(new MessageReported(
                    MessageReported.idOf("dm.alice.bob", spam.messageId(), "bob"), "dm.alice.bob", spam.messageId(), 2,
                    "alice", "bob", ReportReason.SPAM, "again", "Buy cheap watches", START));
        });
        assertThat(events.readRecordsToList()).isEmpty();
        assertThat(outcomes.readRecordsToList()).extracting(r -> (CommandAccepted) decode(r, CommandOutcome.class))
                .extracting(CommandAccepted::duplicate).containsExactly(false, true);
    }

    @Test
    void aBlockBeforeAnyMessageIsKeptByThePairAndPublishedOnceByPairAndTheBlockedCannotStartTheConversation() {
        command(new BlockUser("k1", "dm.alice.bob", "bob", "alice", START));
        command(new BlockUser("k2", "dm.alice.bob", "bob", "alice", START));
        send("c1", "Hi Bob", START);

        assertThat(blocks.readRecordsToList()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("bob.alice");
            assertThat(decode(record, BlockChanged.class))
                    .isEqualTo(new BlockChanged("dm.alice.bob", "bob", "alice", true, START));
        });
        assertThat(events.readRecordsToList()).isEmpty();
        List<CommandOutcome> answers = outcomes.readRecordsToList().stream()
                .map(r -> decode(r, CommandOutcome.class)).toList();
        assertThat(answers.subList(0, 2)).extracting(a -> ((CommandAccepted) a).duplicate()).containsExactly(false, true);
        assertThat(answers.get(2)).isInstanceOfSatisfying(CommandRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(BlockDecider.NOT_OPEN));

        command(new UnblockUser("k3", "dm.alice.bob", "bob", "alice", START));
        send("c2", "Hi Bob", START);
        assertThat(decode(blocks.readRecord(), BlockChanged.class).blocked()).isFalse();
        assertThat(events.readRecordsToList()).hasSize(2);
    }

    private void command(ChatCommand command) {
        ProducerRecord<String, byte[]> record = gateway.command(command, START);
        commands.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), START));
    }

    @Test
    void aRetryWithinTheWindowIsAnsweredWithTheOriginalAndRecordsNothing() {
        send("c1", "hello", START);
        MessageSent original = (MessageSent) decode(events.readRecordsToList().get(1), ChatEvent.class);
        outcomes.readRecordsToList();

        send("c1", "hello", START.plus(WINDOW).minusSeconds(1));

        assertThat(events.isEmpty()).isTrue();
        CommandAccepted retried = (CommandAccepted) decode(outcomes.readRecord(), CommandOutcome.class);
        assertThat(retried.duplicate()).isTrue();
        assertThat(retried.message()).isEqualTo(original);
    }

    @Test
    void aRetryAfterTheWindowIsANewMessageEvenBeforeTheSweepForgotTheOriginal() {
        send("c1", "hello", START);
        events.readRecordsToList();

        send("c1", "hello", START.plus(WINDOW).plusSeconds(1));

        MessageSent again = (MessageSent) decode(events.readRecord(), ChatEvent.class);
        assertThat(again.clientMessageId()).isEqualTo("c1");
        assertThat(again.version()).isEqualTo(3);
    }

    @Test
    void rememberedMessagesAreForgottenOnceOlderThanTheWindow() {
        send("c1", "hello", START);
        KeyValueStore<String, byte[]> remembered = driver.getKeyValueStore(DecisionTopology.SENT_MESSAGES);
        assertThat(remembered.approximateNumEntries()).isEqualTo(1);

        driver.advanceWallClockTime(WINDOW.minusMinutes(1));
        assertThat(remembered.get(CommandProcessor.dedupeKey("dm.alice.bob", "alice", "c1"))).isNotNull();

        driver.advanceWallClockTime(Duration.ofMinutes(2));
        assertThat(remembered.get(CommandProcessor.dedupeKey("dm.alice.bob", "alice", "c1"))).isNull();
    }

    @Test
    void anUndecodableCommandIsDeadLetteredWithItsReasonAndTheNextOneIsDecided() {
        ProducerRecord<String, byte[]> good = gateway.command(sendCommand("c1", "fine"), START);
        commands.pipeInput(new TestRecord<>("dm.alice.bob", "{not json".getBytes(StandardCharsets.UTF_8),
                good.headers(), START));
        commands.pipeInput(new TestRecord<>(good.key(), good.value(), good.headers(), START));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(header(dead, "kafka_dlt-exception-message")).contains("does not match chat.command.send-message.v1");
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.COMMANDS.name());
        assertThat(events.readRecordsToList()).hasSize(2);
    }

    @Test
    void aCommandKeyedElsewhereIsDeadLettered() {
        ProducerRecord<String, byte[]> command = gateway.command(sendCommand("c1", "hi"), START);
        commands.pipeInput(new TestRecord<>("dm.carol.dave", command.value(), command.headers(), START));

        assertThat(header(deadLetters.readRecord(), "kafka_dlt-exception-message"))
                .contains("is not the command's conversation id");
        assertThat(events.isEmpty()).isTrue();
        assertThat(outcomes.isEmpty()).isTrue();
    }

    @Test
    void aCommandWhoseRecordsWouldBeTooLargeIsSetAsideAndTheNextOneIsDecided() {
        send("c1", "before", START);
        events.readRecordsToList();
        outcomes.readRecordsToList();
        SendMessage huge = sendCommand("c2", "\u00E9".repeat(3900)); // 3,900 characters, 7,800 bytes of UTF-8
        command(huge);
        send("c3", "after", START);

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(decode(dead, ChatCommand.class)).isEqualTo(huge);
        assertThat(header(dead, "kafka_dlt-exception-message")).contains("more than the 6000 a record may have");
        List<CommandOutcome> answers = outcomes.readRecordsToList().stream().map(r -> decode(r, CommandOutcome.class))
                .toList();
        assertThat(answers.get(0)).isInstanceOfSatisfying(CommandRejected.class, rejected -> {
            assertThat(rejected.commandId()).isEqualTo(huge.commandId());
            assertThat(rejected.code()).isEqualTo(RejectionCode.TOO_LARGE);
            assertThat(rejected.reason()).contains("set aside");
        });
        // Nothing of it was written: no event, no burnt version, no remembered clientMessageId.
        List<ChatEvent> after = events.readRecordsToList().stream().map(r -> decode(r, ChatEvent.class)).toList();
        assertThat(after).singleElement().satisfies(event -> assertThat(event.version()).isEqualTo(3));
        assertThat(answers.get(1)).isInstanceOf(CommandAccepted.class);
        KeyValueStore<String, byte[]> remembered = driver.getKeyValueStore(DecisionTopology.SENT_MESSAGES);
        assertThat(remembered.get(CommandProcessor.dedupeKey("dm.alice.bob", "alice", "c2"))).isNull();
    }

    @Test
    void aCommandKafkaRefusedOnceIsDeadLetteredWhenReadAgain() {
        ProducerRecord<String, byte[]> record = gateway.command(sendCommand("c1", "refused before"), START);
        // What DecisionFailureHandler records when Kafka refuses a record the command at offset 0 led to.
        poison.failed(new PoisonCommands.Position(Topics.COMMANDS.name(), 0, 0),
                "a record to chat.events.v1 was refused: too large");
        commands.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), START));
        send("c2", "next", START);

        assertThat(header(deadLetters.readRecord(), "kafka_dlt-exception-message")).contains("was refused: too large");
        List<ChatEvent> recorded = events.readRecordsToList().stream().map(r -> decode(r, ChatEvent.class)).toList();
        assertThat(recorded).extracting(ChatEvent::version).containsExactly(1L, 2L);
        assertThat(((MessageSent) recorded.get(1)).content()).isEqualTo("next");
    }

    private SendMessage sendCommand(String clientMessageId, String content) {
        return new SendMessage(UUID.randomUUID().toString(), "dm.alice.bob", "alice", "bob", clientMessageId, content,
                "text", List.of(), START);
    }

    private void send(String clientMessageId, String content, Instant at) {
        ProducerRecord<String, byte[]> record = gateway.command(sendCommand(clientMessageId, content), at);
        commands.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), at));
    }

    private void read(String reader, Instant at) {
        ProducerRecord<String, byte[]> record = gateway.command(new MarkConversationRead(UUID.randomUUID().toString(),
                "dm.alice.bob", reader, null, at), at);
        commands.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), at));
    }

    private static <T> T decode(TestRecord<String, byte[]> record, Class<T> type) {
        return CloudEventCodec.decode("test", record.headers(), record.value(), type).data();
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        return CloudEventCodec.header(record.headers(), name);
    }
}
