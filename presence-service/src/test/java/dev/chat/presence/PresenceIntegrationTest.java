package dev.chat.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.PresenceChanged;
import dev.chat.contracts.SessionClosed;
import dev.chat.contracts.SessionOpened;
import dev.chat.contracts.SessionsHeartbeat;
import dev.chat.contracts.Topics;
import dev.chat.testkit.ChatTestKit;
import dev.chat.testkit.ChatTestKitInitializer;
import dev.chat.testkit.KafkaProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Session signals in, presence out, on the embedded KRaft broker; expiry and grace shortened. */
@SpringBootTest(properties = {
        "chat.presence.session-expiry=2s",
        "chat.presence.grace=1s",
        "chat.presence.sweep-interval=100ms"})
@ContextConfiguration(initializers = ChatTestKitInitializer.class)
class PresenceIntegrationTest {

    private static KafkaProbe probe;
    private final CloudEventCodec codec = new CloudEventCodec("/test");

    @BeforeAll
    static void startProbe() {
        probe = KafkaProbe.start(ChatTestKit.get().bootstrapServers(), Topics.PRESENCE.name(),
                Topics.PRESENCE_SIGNALS.deadLetterTopic());
    }

    @AfterAll
    static void stopProbe() {
        probe.close();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private List<PresenceChanged> presenceOf(String userId) {
        return probe.payloads(Topics.PRESENCE.name(), userId, PresenceChanged.class);
    }

    @Test
    void twoDevicesOnlineOnceOfflineOnceAfterTheLastCloses() {
        String alice = unique("alice");
        probe.send(codec.presenceSignal(new SessionOpened("phone", alice, "g1", Instant.now()), Instant.now()));
        probe.send(codec.presenceSignal(new SessionOpened("laptop", alice, "g1", Instant.now()), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> presenceOf(alice).size() == 1);
        assertThat(presenceOf(alice).get(0).online()).isTrue();

        probe.send(codec.presenceSignal(new SessionClosed("phone", alice, "g1", Instant.now()), Instant.now()));
        Instant lastClose = Instant.now();
        probe.send(codec.presenceSignal(new SessionClosed("laptop", alice, "g1", lastClose), lastClose));

        await().atMost(Duration.ofSeconds(20)).until(() -> presenceOf(alice).size() == 2);
        PresenceChanged offline = presenceOf(alice).get(1);
        assertThat(offline.online()).isFalse();
        assertThat(offline.lastSeenAt()).isEqualTo(lastClose);
    }

    @Test
    void aReconnectWithinGraceIsNotAnnouncedAndADeadGatewaysSessionsExpire() {
        String bob = unique("bob");
        probe.send(codec.presenceSignal(new SessionOpened("s1", bob, "g1", Instant.now()), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> presenceOf(bob).size() == 1);
        probe.send(codec.presenceSignal(new SessionClosed("s1", bob, "g1", Instant.now()), Instant.now()));
        probe.send(codec.presenceSignal(new SessionOpened("s2", bob, "g2", Instant.now()), Instant.now()));
        probe.send(codec.presenceSignal(new SessionsHeartbeat(bob, "g2", List.of("s2"), Instant.now()),
                Instant.now()));

        // g2 then dies: no close, no more heartbeats. The session expires (2 s) and bob goes offline,
        // with nothing in between: the reconnect inside the grace period emitted no offline/online pair.
        await().atMost(Duration.ofSeconds(20)).until(() -> presenceOf(bob).size() == 2);
        assertThat(presenceOf(bob)).extracting(PresenceChanged::online).containsExactly(true, false);
    }

    @Test
    void anUndecodableSignalIsDeadLetteredAndTheNextOneIsStillProcessed() {
        String carol = unique("carol");
        probe.send(new ProducerRecord<>(Topics.PRESENCE_SIGNALS.name(), carol,
                "not a cloud event".getBytes(StandardCharsets.UTF_8)));
        probe.send(codec.presenceSignal(new SessionOpened("s1", carol, "g1", Instant.now()), Instant.now()));

        await().atMost(Duration.ofSeconds(20)).until(() -> presenceOf(carol).size() == 1);
        List<ConsumerRecord<String, byte[]>> dead = probe.records(Topics.PRESENCE_SIGNALS.deadLetterTopic(), carol);
        assertThat(dead).hasSize(1);
        assertThat(CloudEventCodec.header(dead.get(0).headers(), "kafka_dlt-exception-message"))
                .contains("ce_specversion");
    }

    @Test
    void aSignalMissingFieldsIsDeadLetteredAndDoesNotBringAnyoneOnline() {
        String dora = unique("dora");
        // No sessionId and no openedAt: applied, dora would show online until her "session" expired.
        ProducerRecord<String, byte[]> opened = codec.presenceSignal(new SessionOpened("s0", dora, "g1", Instant.now()),
                Instant.now());
        probe.send(new ProducerRecord<>(opened.topic(), null, dora,
                ("{\"userId\":\"" + dora + "\",\"gatewayId\":\"g1\"}").getBytes(StandardCharsets.UTF_8),
                opened.headers()));
        // Keyed by dora, naming someone else.
        probe.send(withKey(codec.presenceSignal(new SessionOpened("s1", unique("eli"), "g1", Instant.now()),
                Instant.now()), dora));

        await().atMost(Duration.ofSeconds(20)).until(
                () -> probe.records(Topics.PRESENCE_SIGNALS.deadLetterTopic(), dora).size() == 2);
        assertThat(probe.records(Topics.PRESENCE_SIGNALS.deadLetterTopic(), dora))
                .extracting(dead -> CloudEventCodec.header(dead.headers(), "kafka_dlt-exception-message"))
                .anySatisfy(m -> assertThat(m).contains("sessionId"))
                .anySatisfy(m -> assertThat(m).contains("record key"));
        assertThat(presenceOf(dora)).isEmpty();
    }

    private static ProducerRecord<String, byte[]> withKey(ProducerRecord<String, byte[]> record, String key) {
        return new ProducerRecord<>(record.topic(), null, key, record.value(), record.headers());
    }
}
