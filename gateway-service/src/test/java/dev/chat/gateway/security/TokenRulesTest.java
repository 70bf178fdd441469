package dev.chat.gateway.security;

import static dev.chat.gateway.GatewayClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chat.gateway.GatewayClients;
import dev.chat.gateway.SharedGatewayContext;
import dev.chat.gateway.TestTokens;
import dev.chat.testkit.ChatSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.messaging.rsocket.RSocketRequester;

/** Which tokens the gateway takes, the same on REST, {@code /ws} and RSocket. */
@SharedGatewayContext
class TokenRulesTest {

    @RegisterExtension
    final GatewayClients clients = new GatewayClients();

    private static String claims(String subJson, Long expiresInSeconds, long issuedAgoSeconds) {
        long now = Instant.now().getEpochSecond();
        return "{\"sub\":" + subJson + ",\"iat\":" + (now - issuedAgoSeconds)
                + (expiresInSeconds == null ? "" : ",\"exp\":" + (now + expiresInSeconds)) + "}";
    }

    @Test
    void tokensWithoutExpiryOrLivingTooLongAreRefusedOnEveryProtocol() {
        String user = unique("tok");
        Map<String, String> refused = Map.of(
                TestTokens.signed(claims("\"" + user + "\"", null, 0)), "expiry",
                TestTokens.signed(claims("\"" + user + "\"", Duration.ofDays(30).toSeconds(), 0)), "longer",
                TestTokens.signed(claims("12345", 3600L, 0)), "claim");
        refused.forEach((token, why) -> {
            clients.http().get().uri("/api/messages/unread-count").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isUnauthorized();
            // In the URL or an auth frame: closed with 4401 and the reason.
            ChatSocket inUrl = ChatSocket.connectTo(clients.ws() + "?token=" + token);
            clients.keep(inUrl);
            ChatSocket.Closed closed = inUrl.awaitClosed();
            assertThat(closed.code()).isEqualTo(4401);
            assertThat(closed.reason()).contains(why);
            // In the header: refused at the handshake, like REST.
            ChatSocket inHeader = clients.socket(token);
            assertThat(inHeader.awaitClosed().reason()).contains("401");
            RSocketRequester rsocket = clients.rsocket(token);
            assertThat(catchThrowable(() -> rsocket.route("chat.events").data("{}").retrieveFlux(String.class)
                    .blockFirst(Duration.ofSeconds(20)))).hasMessageContaining(why);
        });
        // A well-formed token works; without "Bearer " the same token is refused at the handshake.
        String good = TestTokens.token(user);
        clients.socket(good).send("join", Map.of()).await("ready");
        ChatSocket noScheme = ChatSocket.connectWithAuthorization(clients.ws(), good);
        clients.keep(noScheme);
        assertThat(noScheme.awaitClosed().reason()).contains("401");
    }

    @Test
    void aUserClaimThatIsANumberIs401() {
        String numericSub = TestTokens.signed(claims("12345", 3600L, 0));
        clients.http().get().uri("/api/messages/unread-count").headers(h -> h.setBearerAuth(numericSub)).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.success").isEqualTo(false);
    }
}
