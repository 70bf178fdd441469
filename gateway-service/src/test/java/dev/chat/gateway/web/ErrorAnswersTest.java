package dev.chat.gateway.web;

import static dev.chat.gateway.GatewayClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chat.gateway.GatewayClients;
import dev.chat.gateway.SharedGatewayContext;
import dev.chat.gateway.TestTokens;
import dev.chat.testkit.ChatRSocket;
import dev.chat.testkit.ChatSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpMethod;
import org.springframework.messaging.rsocket.RSocketRequester;
import tools.jackson.databind.JsonNode;

/**
 * Bad input gets an answer that says what is wrong in plain words — on REST ({@code {success:false, message}}), as a
 * socket's error frame, as an RSocket error — never a class name or a stack trace, also where the web layer is not
 * reached.
 */
@SharedGatewayContext
class ErrorAnswersTest {

    @RegisterExtension
    final GatewayClients clients = new GatewayClients();

    @Test
    void wrongJsonTypesAre400WithTheFieldNamed() {
        String user = unique("types");
        clients.send(user, "{\"receiverId\":12345,\"content\":\"hi\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("'receiverId' must be a string");
        clients.send(user, "{\"receiverId\":\"bob\",\"content\":5}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("'content' must be a string");
        clients.send(user, "{\"receiverId\":\"bob\",\"content\":\"hi\",\"clientMessageId\":true}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("'clientMessageId' must be a string");
        clients.profile(HttpMethod.PATCH, user, "{\"fullName\":7}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("'fullName' must be a string");
    }

    @Test
    void errorsSayWhatIsWrongWithoutNamingCode() {
        String user = unique("plain");
        List<String> messages = new ArrayList<>();
        messages.add(clients.send(user, "{\"receiverId\":[\"bob\"],\"content\":\"x\"}").expectStatus().isBadRequest()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("message").asString());
        messages.add(clients.send(user, "{\"attachments\":\"x\"}").expectStatus().isBadRequest()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("message").asString());

        ChatSocket socket = clients.socket(TestTokens.token(user)).send("join", Map.of());
        socket.await("ready");
        socket.sendRaw("{\"event\":\"sendMessage\",\"data\":{\"receiverId\":{\"a\":1},\"content\":\"x\"}}");
        socket.sendRaw("{\"event\":\"markAsRead\",\"data\":{\"conversationId\":\"dm.a.b\",\"upToVersion\":\"many\"}}");
        socket.sendRaw("{\"event\":\"typing\",\"data\":[1,2]}");
        messages.add(socket.await("error", d -> d.path("event").asString().equals("sendMessage")).at("/data/message").asString());
        messages.add(socket.await("error", d -> d.path("event").asString().equals("markAsRead")).at("/data/message").asString());
        messages.add(socket.await("error", d -> d.path("event").asString().equals("typing")).at("/data/message").asString());

        RSocketRequester rsocket = clients.rsocket(TestTokens.token(user));
        messages.add(catchThrowable(() -> rsocket.route("chat.send").data("{\"receiverId\":[1],\"content\":\"x\"}")
                .retrieveMono(String.class).block(Duration.ofSeconds(20))).getMessage());
        messages.add(catchThrowable(() -> rsocket.route("chat.read").data("not json")
                .retrieveMono(String.class).block(Duration.ofSeconds(20))).getMessage());

        assertThat(messages).hasSize(7).allSatisfy(message -> assertThat(message).isNotBlank()
                .doesNotContain("$", "dev.chat", "java.", "Exception", "Request(", "tools.jackson"));
        assertThat(messages.get(0)).isEqualTo("'receiverId' must be a string");
        assertThat(messages.get(2)).isEqualTo("bad data: 'receiverId' must be a string");
        assertThat(messages.get(3)).isEqualTo("bad data: 'upToVersion' must be a number");
        assertThat(messages.get(5)).isEqualTo("bad data: 'receiverId' must be a string");
    }

    @Test
    void rejectionsBelowTheWebLayerStillSayWhy() throws Exception {
        String token = TestTokens.token(unique("raw"));
        HttpClient client = HttpClient.newHttpClient();
        String base = clients.base();
        List<HttpRequest> requests = List.of(
                HttpRequest.newBuilder(URI.create(base + "/api/messages/conversation/a%2Fb")).header("Authorization",
                        "Bearer " + token).build(),
                HttpRequest.newBuilder(URI.create(base + "/api/messages/conversation/a%00b")).header("Authorization",
                        "Bearer " + token).build(),
                HttpRequest.newBuilder(URI.create(base + "/api/messages/conversations?q=" + "a".repeat(20_000))).build(),
                HttpRequest.newBuilder(URI.create(base + "/api/messages/conversations")).header("X-Padding",
                        "a".repeat(20_000)).build());
        List<Integer> statuses = new ArrayList<>();
        for (HttpRequest request : requests) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            statuses.add(response.statusCode());
            JsonNode body = ChatRSocket.tree(response.body());
            assertThat(body.path("success").asBoolean(true)).as(request.uri().toString()).isFalse();
            assertThat(body.path("message").asString()).as(request.uri().toString()).isNotBlank();
        }
        assertThat(statuses).containsExactly(400, 400, 414, 431);
    }
}
