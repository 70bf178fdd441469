package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.CommandOutcome;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.Topics;
import dev.chat.testkit.KafkaProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-command platform, for real: in-process Kafka and Mongo wire server persisting to a data
 * directory, and the four services running from their deployment jars as child processes.
 */
class LocalPlatformTest {

    private final CloudEventCodec client = new CloudEventCodec("/platform-test");

    @TempDir
    Path data;

    @Test
    void startsStopsWithoutLeftoversAndKeepsEverythingAcrossARestart() {
        PlatformSettings settings = settings();
        String dm = Ids.directConversationId("alice", "bob");
        List<ProcessHandle> children;
        try (LocalPlatform platform = new LocalPlatform(settings).start();
                KafkaProbe probe = KafkaProbe.start(platform.bootstrapServers(), Topics.OUTCOMES.name())) {
            children = platform.services().stream().map(ServiceProcess::handle).toList();
            assertThat(children).hasSize(4).allMatch(ProcessHandle::isAlive);
            awaitAccepted(probe, send(probe, "alice", "bob", "first"));
        }
        assertThat(children).as("no service outlives the platform").noneMatch(ProcessHandle::isAlive);

        try (LocalPlatform platform = new LocalPlatform(settings).start();
                KafkaProbe probe = KafkaProbe.start(platform.bootstrapServers(), Topics.EVENTS.name(),
                        Topics.OUTCOMES.name())) {
            CommandAccepted second = awaitAccepted(probe, send(probe, "alice", "bob", "second"));
            // The conversation continued where it was: started (1), first (2), second (3).
            assertThat(second.message().version()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(30)).until(() -> events(probe, dm).size() == 3);
            try (MongoClient mongo = MongoClients.create(platform.mongoUri())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getDatabase("chat")
                        .getCollection("message_history").countDocuments(new Document("conversationId", dm)) == 2);
            }
        }
    }

    /**
     * {@code kill -9} of message-service in the middle of a burst, and of projection-service after it: the
     * launcher restarts both by itself, and nothing is lost or duplicated.
     */
    @Test
    void aKilledServiceIsRestartedByTheLauncherAndACrashMidBurstLosesAndDuplicatesNothing() {
        try (LocalPlatform platform = new LocalPlatform(settings()).start();
                KafkaProbe probe = KafkaProbe.start(platform.bootstrapServers(), Topics.EVENTS.name(),
                        Topics.OUTCOMES.name())) {
            List<String> users = List.of("ann", "ben", "cat", "dan");
            List<SendMessage> burst = new ArrayList<>();
            for (int i = 0; i < 90; i++) {
                String from = users.get(i % 4);
                String to = users.get((i / 4 + i + 1) % 4);
                if (!from.equals(to)) {
                    burst.add(command(from, to, "burst " + i));
                }
            }
            int half = burst.size() / 2;
            burst.subList(0, half).forEach(c -> probe.send(client.command(c, Instant.now())));
            await().atMost(Duration.ofSeconds(60)).until(() -> outcomes(probe).size() >= half / 3);

            ProcessHandle killed = crash(platform, "message-service");
            burst.subList(half, burst.size()).forEach(c -> probe.send(client.command(c, Instant.now())));

            Set<String> commandIds = burst.stream().map(SendMessage::commandId).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(90)).until(() -> outcomes(probe).keySet().containsAll(commandIds));
            assertThat(outcomes(probe).values()).allMatch(CommandAccepted.class::isInstance);

            assertThat(killed.isAlive()).isFalse();
            awaitRestarted(platform, "message-service", killed);
            // The read models' owner goes down too: back by itself, it projects what it missed.
            awaitRestarted(platform, "projection-service", crash(platform, "projection-service"));

            Map<String, List<SendMessage>> byConversation =
                    burst.stream().collect(Collectors.groupingBy(SendMessage::conversationId));
            try (MongoClient mongo = MongoClients.create(platform.mongoUri())) {
                byConversation.forEach((conversation, sent) -> {
                    List<ChatEvent> events = events(probe, conversation);
                    // Versions 1..n with no gap and no repeat; every message exactly once.
                    assertThat(events).extracting(ChatEvent::version)
                            .containsExactlyElementsOf(range(1, 1 + sent.size()));
                    assertThat(events.stream().filter(MessageSent.class::isInstance)
                            .map(e -> ((MessageSent) e).clientMessageId()).toList())
                            .containsExactlyInAnyOrderElementsOf(sent.stream().map(SendMessage::clientMessageId).toList());
                    // Stored once, in the read model (keyed by conversation and version, so it cannot hold a copy).
                    await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getDatabase("chat")
                            .getCollection("message_history").countDocuments(new Document("conversationId", conversation))
                            == sent.size());
                });
            }
        }
    }

    // --- helpers ---

    /** {@code kill -9} from outside, as the OOM killer or an operator would: the launcher is not told. */
    private static ProcessHandle crash(LocalPlatform platform, String name) {
        ProcessHandle victim = handle(platform, name);
        victim.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !victim.isAlive());
        return victim;
    }

    private static ProcessHandle handle(LocalPlatform platform, String name) {
        return platform.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().handle();
    }

    /** A new process of the service runs and is healthy: the launcher restarted it by itself. */
    private static void awaitRestarted(LocalPlatform platform, String name, ProcessHandle killed) {
        await().atMost(Duration.ofMinutes(3)).until(() -> {
            ProcessHandle current = handle(platform, name);
            return current.pid() != killed.pid() && current.isAlive();
        });
        platform.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow()
                .awaitHealthy(Duration.ofMinutes(3));
    }

    private PlatformSettings settings() {
        return TestPlatforms.settings(data, null, null);
    }

    private SendMessage command(String from, String to, String content) {
        String id = UUID.randomUUID().toString();
        return new SendMessage(id, Ids.directConversationId(from, to), from, to, "c-" + id, content, "text", List.of(),
                Instant.now());
    }

    private String send(KafkaProbe probe, String from, String to, String content) {
        SendMessage command = command(from, to, content);
        probe.send(client.command(command, Instant.now()));
        return command.commandId();
    }

    private static CommandAccepted awaitAccepted(KafkaProbe probe, String commandId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomes(probe).containsKey(commandId));
        return (CommandAccepted) outcomes(probe).get(commandId);
    }

    private static Map<String, CommandOutcome> outcomes(KafkaProbe probe) {
        return probe.payloads(Topics.OUTCOMES.name(), CommandOutcome.class).stream()
                .collect(Collectors.toMap(CommandOutcome::commandId, o -> o, (a, b) -> a));
    }

    private static List<ChatEvent> events(KafkaProbe probe, String conversationId) {
        return probe.payloads(Topics.EVENTS.name(), conversationId, ChatEvent.class);
    }

    private static List<Long> range(long fromInclusive, long toInclusive) {
        List<Long> values = new ArrayList<>();
        for (long v = fromInclusive; v <= toInclusive; v++) {
            values.add(v);
        }
        return values;
    }
}
