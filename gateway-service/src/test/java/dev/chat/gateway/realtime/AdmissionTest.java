package dev.chat.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.gateway.GatewayProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Which connections a gateway takes: each limit on its own, the refusal's words and delays, draining. */
class AdmissionTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private Admission admission(String... settings) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            map.put("chat.gateway.admission." + settings[i], settings[i + 1]);
        }
        GatewayProperties properties = new Binder(new MapConfigurationPropertySource(map))
                .bindOrCreate("chat.gateway", GatewayProperties.class);
        return new Admission(properties, meters);
    }

    private static Admission.Reason refusal(Admission.Decision decision) {
        return decision instanceof Admission.Refused refused ? refused.reason() : null;
    }

    private double refused(String reason) {
        return meters.counter("chat.admission.refused", "reason", reason).count();
    }

    @Test
    void pastTheConnectionLimitNewConnectionsAreRefusedUntilOneCloses() {
        Admission admission = admission("max-connections", "2");
        Admission.Ticket first = (Admission.Ticket) admission.admit();
        Admission.Ticket second = (Admission.Ticket) admission.admit();
        first.started();
        second.started();

        assertThat(refusal(admission.admit())).isEqualTo(Admission.Reason.CONNECTIONS);
        first.closed();
        first.closed();
        assertThat(admission.admit()).isInstanceOf(Admission.Ticket.class);
        assertThat(refusal(admission.admit())).isEqualTo(Admission.Reason.CONNECTIONS);
        assertThat(refused("connections")).isEqualTo(2);
    }

    @Test
    void startsUnderWayAreBoundedAndAStartThatEndsFreesItsPlace() {
        Admission admission = admission("starts-in-flight", "2");
        Admission.Ticket first = (Admission.Ticket) admission.admit();
        admission.admit();

        assertThat(refusal(admission.admit())).isEqualTo(Admission.Reason.STARTS);
        first.started();
        assertThat(admission.admit()).isInstanceOf(Admission.Ticket.class);
        assertThat(admission.connections()).isEqualTo(3);
    }

    @Test
    void handshakesPastTheBurstWaitForTheRate() {
        Admission admission = admission("handshake-burst", "5", "handshakes-per-second", "0.001");
        IntStream.range(0, 5).forEach(i -> ((Admission.Ticket) admission.admit()).closed());

        assertThat(refusal(admission.admit())).isEqualTo(Admission.Reason.RATE);
        // A refused handshake holds nothing.
        assertThat(admission.connections()).isZero();
    }

    @Test
    void aDrainingGatewayRefusesEveryConnection() {
        Admission admission = admission();
        admission.drain();

        Admission.Decision decision = admission.admit();
        assertThat(refusal(decision)).isEqualTo(Admission.Reason.DRAINING);
        assertThat(((Admission.Refused) decision).message()).contains("connect again");
    }

    @Test
    void aGatewayStartedAgainAfterDrainingTakesConnectionsAgain() {
        Admission admission = admission();
        admission.drain();
        admission.open();

        assertThat(admission.admit()).isInstanceOf(Admission.Ticket.class);
    }

    @Test
    void refusedClientsAreToldToComeBackAtDifferentTimesWithinTheSettings() {
        Admission admission = admission("retry-after-max", "4s", "drain-spread", "2s");

        var retries = IntStream.range(0, 400).mapToObj(i -> admission.retryAfter()).distinct().toList();
        assertThat(retries).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4)))
                .hasSize(4);
        var delays = IntStream.range(0, 400).mapToObj(i -> admission.reconnectDelay().toMillis()).toList();
        assertThat(delays).allSatisfy(ms -> assertThat(ms).isBetween(0L, 2000L));
        assertThat(delays.stream().distinct().count()).isGreaterThan(300);
    }

    @Test
    void aHandshakeThatFailsBeforeItsHandlerClaimsItGivesItsPlaceBack() {
        Admission admission = admission("max-connections", "1");
        Admission.Ticket failed = (Admission.Ticket) admission.admit();
        failed.unclaimed();
        Admission.Ticket held = ((Admission.Ticket) admission.admit()).claim();
        held.unclaimed();

        assertThat(admission.connections()).isEqualTo(1);
        assertThat(refusal(admission.admit())).isEqualTo(Admission.Reason.CONNECTIONS);
    }
}
