package dev.chat.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.gateway.GatewayProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpHeaders;

/** Session ids that name their gateway: only genuine ones, naming another gateway, are forwarded. */
class SocketIoPeersTest {

    private static final HttpHeaders DIRECT = new HttpHeaders();

    @Test
    void aSessionOfAnotherGatewayIsForwardedThere() {
        SocketIoPeers one = peers("http://gw-1:8080", Map.of());
        SocketIoPeers two = peers("http://gw-2:8080", Map.of());
        String sid = one.newSid();
        assertThat(one.elsewhere(sid, DIRECT)).isEmpty();
        assertThat(two.elsewhere(sid, DIRECT)).contains(URI.create("http://gw-1:8080"));
    }

    @Test
    void aForwardedRequestIsNeverForwardedAgain() {
        String sid = peers("http://gw-1:8080", Map.of()).newSid();
        HttpHeaders forwarded = new HttpHeaders();
        forwarded.set(SocketIoPeers.FORWARDED, "1");
        assertThat(peers("http://gw-2:8080", Map.of()).elsewhere(sid, forwarded)).isEmpty();
    }

    @Test
    void anIdWithAnotherAddressOrAnotherKeyOrNoSignatureIsNotForwarded() {
        SocketIoPeers two = peers("http://gw-2:8080", Map.of());
        String[] parts = peers("http://gw-1:8080", Map.of()).newSid().split("\\.");
        String otherAddress = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "http://169.254.169.254".getBytes(StandardCharsets.UTF_8));
        assertThat(two.elsewhere(parts[0] + "." + otherAddress + "." + parts[2], DIRECT)).isEmpty();
        assertThat(two.elsewhere(parts[0] + "." + parts[1], DIRECT)).isEmpty();
        assertThat(two.elsewhere("no-dots-at-all", DIRECT)).isEmpty();
        assertThat(two.elsewhere(parts[0] + ".%%%." + parts[2], DIRECT)).isEmpty();
        String foreign = peers("http://gw-1:8080", Map.of("peer-secret", "another-key-another-key-another-key"))
                .newSid();
        assertThat(two.elsewhere(foreign, DIRECT)).isEmpty();
    }

    @Test
    void withTokensFromAnIssuerAndNoPeerSecretEachGatewayKeepsItsOwn() {
        Map<String, String> issuer = Map.of("jwt-issuer-uri", "https://issuer.example.test");
        String sid = peers("http://gw-1:8080", issuer).newSid();
        assertThat(peers("http://gw-2:8080", issuer).elsewhere(sid, DIRECT)).isEmpty();
        Map<String, String> shared = Map.of("jwt-issuer-uri", "https://issuer.example.test",
                "peer-secret", "a-shared-peer-secret-of-enough-length");
        assertThat(peers("http://gw-2:8080", shared).elsewhere(peers("http://gw-1:8080", shared).newSid(), DIRECT))
                .contains(URI.create("http://gw-1:8080"));
    }

    private static SocketIoPeers peers(String url, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>();
        settings.forEach((key, value) -> all.put("chat.gateway." + key, value));
        all.put("chat.gateway.peer-url", url);
        GatewayProperties properties = new Binder(new MapConfigurationPropertySource(all))
                .bindOrCreate("chat.gateway", GatewayProperties.class);
        return new SocketIoPeers(properties);
    }
}
