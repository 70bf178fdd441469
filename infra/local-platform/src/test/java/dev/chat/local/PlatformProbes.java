package dev.chat.local;

import static org.awaitility.Awaitility.await;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CommandOutcome;
import dev.chat.contracts.Ids;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.Topics;
import dev.chat.testkit.KafkaProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** What the platform tests that talk to Kafka directly share: commands, what came of them, crashes. */
final class PlatformProbes {

    private PlatformProbes() {
    }

    static SendMessage command(String from, String to, String content) {
        String id = UUID.randomUUID().toString();
        return new SendMessage(id, Ids.directConversationId(from, to), from, to, "c-" + id, content, "text", List.of(),
                Instant.now());
    }

    static Map<String, CommandOutcome> outcomes(KafkaProbe probe) {
        return probe.payloads(Topics.OUTCOMES.name(), CommandOutcome.class).stream()
                .collect(Collectors.toMap(CommandOutcome::commandId, o -> o, (a, b) -> a));
    }

    static List<ChatEvent> events(KafkaProbe probe, String conversationId) {
        return probe.payloads(Topics.EVENTS.name(), conversationId, ChatEvent.class);
    }

    /** {@code kill -9} from outside, as the OOM killer or an operator would: the launcher is not told. */
    static ProcessHandle crash(LocalPlatform platform, String name) {
        ProcessHandle victim = handle(platform, name);
        victim.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !victim.isAlive());
        return victim;
    }

    /** A new process of the service runs and is healthy: the launcher restarted it by itself. */
    static void awaitRestarted(LocalPlatform platform, String name, ProcessHandle killed) {
        await().atMost(Duration.ofMinutes(3)).until(() -> {
            ProcessHandle current = handle(platform, name);
            return current.pid() != killed.pid() && current.isAlive();
        });
        platform.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow()
                .awaitHealthy(Duration.ofMinutes(3));
    }

    private static ProcessHandle handle(LocalPlatform platform, String name) {
        return platform.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().handle();
    }
}
