package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.CommandOutcome;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.Topics;
import dev.chat.testkit.KafkaProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The launcher restarts a crashed service by itself, and the crash loses and duplicates nothing. */
@SharedPlatforms.Shared(SharedPlatforms.Shape.TWO_GATEWAYS)
class CrashRestartEndToEndTest {

    private final CloudEventCodec client = new CloudEventCodec("/platform-test");

    /**
     * {@code kill -9} of message-service in the middle of a burst, and of projection-service after it: the
     * launcher restarts both by itself, and nothing is lost or duplicated.
     */
    @Test
    void aKilledServiceIsRestartedByTheLauncherAndACrashMidBurstLosesAndDuplicatesNothing() {
        LocalPlatform platform = SharedPlatforms.platform();
        try (KafkaProbe probe = KafkaProbe.start(platform.bootstrapServers(), Topics.EVENTS.name(),
                Topics.OUTCOMES.name())) {
            List<String> users = List.of("ann", "ben", "cat", "dan");
            List<SendMessage> burst = new ArrayList<>();
            for (int i = 0; i < 90; i++) {
                String from = users.get(i % 4);
                String to = users.get((i / 4 + i + 1) % 4);
                if (!from.equals(to)) {
                    burst.add(PlatformProbes.command(from, to, "burst " + i));
                }
            }
            int half = burst.size() / 2;
            burst.subList(0, half).forEach(c -> probe.send(client.command(c, Instant.now())));
            await().atMost(Duration.ofSeconds(60)).until(() -> PlatformProbes.outcomes(probe).size() >= half / 3);

            ProcessHandle killed = PlatformProbes.crash(platform, "message-service");
            burst.subList(half, burst.size()).forEach(c -> probe.send(client.command(c, Instant.now())));

            Set<String> commandIds = burst.stream().map(SendMessage::commandId).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(90)).until(() -> PlatformProbes.outcomes(probe).keySet().containsAll(commandIds));
            // Its own commands' outcomes: the topic also has those of the other classes on the shared platform.
            Map<String, CommandOutcome> outcomes = PlatformProbes.outcomes(probe);
            assertThat(commandIds).allMatch(id -> outcomes.get(id) instanceof CommandAccepted);

            assertThat(killed.isAlive()).isFalse();
            PlatformProbes.awaitRestarted(platform, "message-service", killed);
            // The read models' owner goes down too: back by itself, it projects what it missed.
            PlatformProbes.awaitRestarted(platform, "projection-service", PlatformProbes.crash(platform, "projection-service"));

            Map<String, List<SendMessage>> byConversation =
                    burst.stream().collect(Collectors.groupingBy(SendMessage::conversationId));
            try (MongoClient mongo = MongoClients.create(platform.mongoUri())) {
                byConversation.forEach((conversation, sent) -> {
                    List<ChatEvent> events = PlatformProbes.events(probe, conversation);
                    // Versions 1..n with no gap and no repeat; every message exactly once.
                    assertThat(events).extracting(ChatEvent::version)
                            .containsExactlyElementsOf(LongStream.rangeClosed(1, 1 + sent.size()).boxed().toList());
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
}
