package dev.chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.SendMessage;
import dev.chat.contracts.Topics;
import dev.chat.testkit.ChatTestKit;
import dev.chat.testkit.ChatTestKitInitializer;
import dev.chat.testkit.KafkaProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway over real HTTP: who gets in, and what bad requests get back. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.gateway.dev-tokens=true", "chat.gateway.send-timeout=2s",
                "chat.gateway.send-burst=5", "chat.gateway.send-rate-per-second=0.01",
                "chat.gateway.realtime.rsocket-tcp-port=0", "chat.gateway.undecided-window=3s"})
@ContextConfiguration(initializers = ChatTestKitInitializer.class)
class GatewaySecurityTest {

    private static final String SECRET = "local-development-secret-change-me-please-0123456789";

    @LocalServerPort
    private int port;
    private WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    @Test
    void healthIsOpenAndUpAgainstTheMongoWireServerOnceOutcomesCanBeReceived() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP"));
    }

    @Test
    void theOpenApiDescriptionAndUiAreServedWithoutAToken() {
        http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/messages/send'].post").exists()
                .jsonPath("$.paths['/api/messages/conversations'].get").exists()
                .jsonPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer");
        String ui = http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();
        http.get().uri(ui).exchange().expectStatus().isOk()
                .expectBody(String.class).value(page -> assertThat(page).contains("swagger-ui"));
    }

    @Test
    void theEventCatalogueIsServedWithoutATokenAndLinkedFromTheOpenApiDescription() {
        http.get().uri("/asyncapi.yaml").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("application/yaml")
                .expectBody(String.class).value(yaml -> assertThat(yaml).startsWith("# The event catalogue")
                        .contains("asyncapi: 3.0.0").contains("address: " + Topics.EVENTS.name()));
        http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.info.description").value(String.class,
                        description -> assertThat(description).contains("/asyncapi.yaml"));
    }

    @Test
    void theWebClientIsServedAtTheRootWithAContentSecurityPolicy() {
        http.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Content-Security-Policy", "default-src 'self'; script-src 'self';"
                        + " style-src 'self'; connect-src 'self'; img-src 'self' https: data:; object-src 'none';"
                        + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectBody(String.class).value(page -> assertThat(page).contains("aria-label=\"Conversations\"")
                        .doesNotContain("<script>").doesNotContain("style="));
        http.get().uri("/app/main.js").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/javascript");
    }

    @Test
    void noTokenIs401WithAJsonMessage() {
        http.get().uri("/api/messages/unread-count").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.success").isEqualTo(false).jsonPath("$.message").isNotEmpty();
    }

    @Test
    void aValidTokenGetsIn() {
        http.get().uri("/api/messages/unread-count").headers(h -> h.setBearerAuth(token(SECRET, "alice", Duration.ofHours(1))))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.success").isEqualTo(true).jsonPath("$.count").isEqualTo(0);
    }

    @Test
    void badlySignedExpiredAndUnsignedTokensAre401() {
        for (String token : new String[] {
                token("another-secret-another-secret-another-secret", "alice", Duration.ofHours(1)),
                token(SECRET, "alice", Duration.ofSeconds(-120)),
                unsigned("alice"),
                "not.a.jwt"}) {
            http.get().uri("/api/messages/unread-count").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.success").isEqualTo(false);
        }
    }

    @Test
    void theDevTokenEndpointIssuesTokensTheGatewayAccepts() {
        Map<?, ?> issued = http.post().uri("/dev/token?userId=bob").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(issued.get("userId")).isEqualTo("bob");

        http.get().uri("/api/messages/conversations").headers(h -> h.setBearerAuth((String) issued.get("token")))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.conversations").isArray();
        http.post().uri("/dev/token?userId=no.dots").exchange().expectStatus().isBadRequest();
    }

    @Test
    void aSignInCodeStandsForTheTokenOnceAndNeedsATokenToBeIssued() {
        String token = TestTokens.token("coded");
        http.post().uri("/api/sign-in-codes").exchange().expectStatus().isUnauthorized();
        Map<?, ?> issued = http.post().uri("/api/sign-in-codes").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String code = (String) issued.get("code");
        assertThat(issued.get("link")).isEqualTo("/#code=" + code);
        assertThat(code).hasSizeGreaterThanOrEqualTo(43).doesNotContain(token);

        // Exchanged without a token: the same token, once; a second time, or a made-up code, is refused.
        http.post().uri("/api/sign-in-codes/redeem").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.token").isEqualTo(token);
        for (String spent : List.of(code, "made-up")) {
            http.post().uri("/api/sign-in-codes/redeem").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("code", spent)).exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("not valid"));
        }
    }

    @Test
    void malformedAndInvalidSendsAre400NotServerErrors() {
        String token = token(SECRET, "alice", Duration.ofHours(1));
        http.post().uri("/api/messages/send").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"receiverId\": \"bob\", \"content\": ")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.success").isEqualTo(false).jsonPath("$.message").isNotEmpty();
        http.post().uri("/api/messages/send").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("receiverId", "bad id", "content", "x"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("receiverId must be a valid user id");
        http.post().uri("/api/messages/send").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"receiverId\":\"bob\",\"content\":\""
                        + "x".repeat(300_000) + "\"}")
                .exchange().expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody().jsonPath("$.success").isEqualTo(false);
    }

    @Test
    void aSendNobodyDecidesInTimeIs202WithTheClientMessageIdAndTheCommandIsOnKafka() {
        // No message-service runs in this test: the command is published, but no outcome comes back.
        try (KafkaProbe probe = KafkaProbe.start(ChatTestKit.get().bootstrapServers(), Topics.COMMANDS.name())) {
            http.post().uri("/api/messages/send").headers(h -> h.setBearerAuth(token(SECRET, "waiter", Duration.ofHours(1))))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("receiverId", "bob", "content", "anyone there?", "clientMessageId", "w-1"))
                    .exchange()
                    .expectStatus().isAccepted()
                    .expectBody().jsonPath("$.success").isEqualTo(true)
                    .jsonPath("$.pending").isEqualTo(true)
                    .jsonPath("$.clientMessageId").isEqualTo("w-1");
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.payloads(Topics.COMMANDS.name(), "dm.bob.waiter",
                    SendMessage.class).stream().anyMatch(c -> c.clientMessageId().equals("w-1")
                    && c.senderId().equals("waiter")));
        }
    }

    @Test
    void prometheusShowsSendsByOutcomeAckLatencySessionsAndKafkaClientMetrics() {
        http.post().uri("/api/messages/send").headers(h -> h.setBearerAuth(token(SECRET, "counted", Duration.ofHours(1))))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("receiverId", "counted", "content", "me"))
                .exchange().expectStatus().isBadRequest();
        String metrics = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics)
                .contains("chat_sends_total{code=\"invalid\",outcome=\"refused\"")
                .contains("chat_send_ack_seconds_bucket{outcome=\"refused\"")
                .contains("chat_sessions ")
                .contains("chat_deliveries_total")
                .contains("kafka_consumer_fetch_manager_records_lag")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void readinessSaysSoWhileCommandsGoUndecidedAndRecoversByItself() {
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        // No message-service runs here: the send times out, and the gateway stops asking for traffic.
        http.post().uri("/api/messages/send").headers(h -> h.setBearerAuth(token(SECRET, "stuck", Duration.ofHours(1))))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("receiverId", "bob", "content", "hello?"))
                .exchange().expectStatus().isAccepted();
        http.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody().jsonPath("$.status").isEqualTo("OUT_OF_SERVICE");
        // Still alive (nothing to restart), and ready again once the window passes without a new failure.
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/actuator/health/readiness")
                .exchange().expectStatus().isOk());
    }

    @Test
    void aUserSendingFasterThanTheLimitGets429() {
        String token = token(SECRET, "speedy", Duration.ofHours(1));
        // Five allowed in a burst (invalid receivers are answered at once, but they count).
        for (int i = 0; i < 5; i++) {
            http.post().uri("/api/messages/send").headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("receiverId", "no such", "content", "x"))
                    .exchange().expectStatus().isBadRequest();
        }
        http.post().uri("/api/messages/send").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("receiverId", "bob", "content", "x"))
                .exchange().expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectBody().jsonPath("$.success").isEqualTo(false).jsonPath("$.message").isNotEmpty();
    }

    static String token(String secret, String userId, Duration validFor) {
        return TestTokens.token(secret, userId, validFor);
    }

    private static String unsigned(String userId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + userId + "\",\"exp\":" + (Instant.now().getEpochSecond() + 3600)
                + "}").getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
