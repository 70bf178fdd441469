package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.Ids;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.Topics;
import dev.chat.testkit.KafkaProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-command platform, for real: in-process Kafka and Mongo wire server persisting to a data
 * directory, and the four services running from their deployment jars as child processes; started, stopped and
 * started again ({@link CrashRestartEndToEndTest}: a crashed service restarted by the launcher).
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
            await().atMost(Duration.ofSeconds(30)).until(() -> PlatformProbes.events(probe, dm).size() == 3);
            try (MongoClient mongo = MongoClients.create(platform.mongoUri())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getDatabase("chat")
                        .getCollection("message_history").countDocuments(new Document("conversationId", dm)) == 2);
            }
        }
    }

    // --- helpers ---

    /** {@code kill -9} from outside, as the OOM killer or an operator would: the launcher is not told. */
    private PlatformSettings settings() {
        return TestPlatforms.settings(data, null, null);
    }

    private String send(KafkaProbe probe, String from, String to, String content) {
        SendMessage command = PlatformProbes.command(from, to, content);
        probe.send(client.command(command, Instant.now()));
        return command.commandId();
    }

    private static CommandAccepted awaitAccepted(KafkaProbe probe, String commandId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> PlatformProbes.outcomes(probe).containsKey(commandId));
        return (CommandAccepted) PlatformProbes.outcomes(probe).get(commandId);
    }
}
