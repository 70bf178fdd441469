package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.Topics;
import dev.chat.local.faults.Audit;
import dev.chat.local.faults.Conversation;
import dev.chat.local.faults.FaultProfile;
import dev.chat.local.faults.Gateways;
import dev.chat.local.faults.RecoveryReport;
import dev.chat.local.faults.SteadyLoad;
import dev.chat.testkit.KafkaProbe;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault suite: under a steady send load over {@code /ws}, each service is killed in turn with
 * {@code kill -9} (a gateway with clients connected, which resume on the other one, and presence-service,
 * both restarted by the launcher; one of two message-service and projection-service instances, kept down
 * until the other one has taken its partitions, then started again), then the
 * broker restarts and MongoDB goes away for 30 s. After each fault the suite waits until every
 * conversation is flowing again and the read models have caught up, and reports how long that took.
 * Afterwards every message sent is in the event log exactly once under the id it was acknowledged with,
 * versions are contiguous, every receiver got every message once and in order, and the read model
 * lists each once. The light profile runs in CI; {@code -Dchat.faults=heavy} runs more load and kills
 * every instance.
 */
class FaultSuiteTest {

    private static final Duration RECOVERY_BOUND = Duration.ofMinutes(3);
    private static final FaultProfile PROFILE = FaultProfile.fromSystemProperties();

    private static LocalPlatform platform;
    private static Gateways gateways;
    private static SteadyLoad load;
    private final RecoveryReport report = new RecoveryReport();

    @BeforeAll
    static void start() throws IOException {
        PlatformSettings settings = TestPlatforms.settings(Files.createTempDirectory("faults"), null, null, 2, 2, 2,
                Map.of(
                        // The clients re-send in bursts after an outage; the per-user send limit is not under test.
                        "CHAT_SEND_BURST", "100000",
                        "CHAT_SEND_RATE_PER_SECOND", "100000",
                        // A killed instance's partitions move after 8 s instead of 15: the same recovery, sooner.
                        "CHAT_KAFKA_SESSION_TIMEOUT_MS", "8000"));
        platform = new LocalPlatform(settings).start();
        gateways = new Gateways(List.of(http(0), http(1)));
    }

    @AfterAll
    static void stop() {
        if (load != null) {
            load.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyAcknowledgedMessageSurvivesEveryFaultExactlyOnceAndReachesEveryClient() throws IOException {
        load = new SteadyLoad(PROFILE.pairs(), List.of(ws(0), ws(1)), gateways::token);
        await().atMost(Duration.ofMinutes(1)).until(load::connected);
        load.startSending(PROFILE.perSecond());
        long warm = System.nanoTime();
        awaitLoad(() -> load.recoveredFrom(warm));

        // Crashed, brought back by the launcher's supervisor: clients move, the instance returns.
        for (String instance : crashed()) {
            crash(instance);
        }
        // Gone for good (a lost node): the surviving instance takes the partitions, then the group rebalances
        // again when the instance returns.
        for (String instance : lost()) {
            lose(instance);
        }
        brokerRestart();
        mongoOutage(PROFILE.mongoOutage());

        load.stopSending();
        awaitLoad(load::settled);
        String summary = report.markdown(PROFILE, load.sent(), load.resent(), load.resumes(), load.errors().size());
        System.out.println(summary);
        Path written = Path.of("target", "fault-suite-" + PROFILE.name() + ".md");
        Files.writeString(written, summary);

        assertThat(load.problems()).as("what the clients saw that must never happen").isEmpty();
        assertEventLogHoldsEveryMessageOnce();
        for (Conversation conversation : load.conversations()) {
            assertThat(Audit.readModel(conversation, gateways.history(conversation))).isEmpty();
        }
    }

    /** The gateway with half the clients (the first one too in the heavy profile), and presence-service. */
    private static List<String> crashed() {
        return PROFILE.everyInstance()
                ? List.of(LocalPlatform.GATEWAY + "-2", LocalPlatform.GATEWAY, "presence-service")
                : List.of(LocalPlatform.GATEWAY + "-2", "presence-service");
    }

    /** One of each pair of back-end instances (both in turn in the heavy profile). */
    private static List<String> lost() {
        return PROFILE.everyInstance()
                ? List.of("message-service-2", "message-service", "projection-service-2", "projection-service")
                : List.of("message-service-2", "projection-service-2");
    }

    /** {@code kill -9} from outside, as a crash: the launcher's supervisor brings the instance back. */
    private void crash(String instance) {
        ServiceProcess victim = service(instance).orElseThrow();
        long began = System.nanoTime();
        victim.handle().destroyForcibly();
        Duration flowing = awaitFlowing(began);
        Duration readModels = awaitReadModels(began);
        await().atMost(RECOVERY_BOUND).until(() -> service(instance)
                .filter(s -> s.handle().pid() != victim.handle().pid() && s.handle().isAlive()).isPresent());
        service(instance).orElseThrow().awaitHealthy(RECOVERY_BOUND);
        report.add(new RecoveryReport.Row("kill -9 " + instance + " (restarted by the launcher)", flowing, readModels,
                since(began)));
    }

    /**
     * {@code kill -9} and it stays down: every conversation flows again only once the other instance has
     * taken over its partitions (after the group's session timeout). Then it comes back and takes a share
     * again.
     */
    private void lose(String instance) {
        long began = System.nanoTime();
        platform.kill(instance);
        report.add(new RecoveryReport.Row("kill -9 " + instance + " (stays down: partitions move)",
                awaitFlowing(began), awaitReadModels(began), null));
        long back = System.nanoTime();
        platform.revive(instance);
        report.add(new RecoveryReport.Row(instance + " started again (partitions rebalance)", awaitFlowing(back),
                awaitReadModels(back), since(back)));
    }

    private void brokerRestart() {
        long began = System.nanoTime();
        platform.restartKafka();
        report.add(new RecoveryReport.Row("broker restart (" + seconds(since(began)) + " down)",
                awaitFlowing(began), awaitReadModels(began), null));
    }

    /**
     * Messages keep flowing in real time while MongoDB is away (only the read models wait); no client
     * sees anything it should not during the whole outage.
     */
    private void mongoOutage(Duration outage) {
        long began = System.nanoTime();
        platform.stopMongo();
        Duration flowing = awaitFlowing(began);
        Duration rest = outage.minus(since(began));
        if (!rest.isNegative() && !rest.isZero()) {
            await().during(rest).atMost(rest.plusMinutes(1)).until(() -> load.problems().isEmpty());
        }
        platform.startMongo();
        long ended = System.nanoTime();
        report.add(new RecoveryReport.Row("MongoDB away " + outage.toSeconds() + " s", flowing,
                awaitReadModels(ended), null));
    }

    private static Duration awaitFlowing(long began) {
        awaitLoad(() -> load.recoveredFrom(began));
        return since(began);
    }

    /** Waits for the load; if it never gets there, says which message of which conversation is stuck. */
    private static void awaitLoad(Callable<Boolean> condition) {
        try {
            await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(100)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not recovered within " + RECOVERY_BOUND + ": " + load.stuck()
                    + "; problems: " + load.problems(), e);
        }
    }

    /** Until each conversation's history shows the newest message acknowledged when this is called. */
    private static Duration awaitReadModels(long began) {
        List<Conversation> conversations = load.conversations();
        Map<Conversation, Long> target = new HashMap<>();
        conversations.forEach(c -> target.put(c, c.highestAcknowledged()));
        await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(200)).until(() -> conversations.stream()
                .allMatch(c -> gateways.newestInHistory(c) >= target.get(c)));
        return since(began);
    }

    private void assertEventLogHoldsEveryMessageOnce() {
        try (KafkaProbe probe = KafkaProbe.start(platform.bootstrapServers(), Topics.EVENTS.name())) {
            for (Conversation conversation : load.conversations()) {
                await().atMost(Duration.ofMinutes(1)).until(() -> events(probe, conversation).stream()
                        .mapToLong(ChatEvent::version).max().orElse(0) >= conversation.highestAcknowledged());
                assertThat(Audit.eventLog(conversation, events(probe, conversation))).isEmpty();
            }
        }
    }

    private static List<ChatEvent> events(KafkaProbe probe, Conversation conversation) {
        return probe.payloads(Topics.EVENTS.name(), conversation.conversationId(), ChatEvent.class);
    }

    private static Optional<ServiceProcess> service(String name) {
        return platform.services().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static String http(int gateway) {
        return "http://localhost:" + platform.gatewayPort(gateway);
    }

    private static URI ws(int gateway) {
        return URI.create("ws://localhost:" + platform.gatewayPort(gateway) + "/ws");
    }

    private static Duration since(long began) {
        return Duration.ofNanos(System.nanoTime() - began);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
