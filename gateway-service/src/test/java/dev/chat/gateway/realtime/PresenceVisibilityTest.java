package dev.chat.gateway.realtime;

import static dev.chat.gateway.GatewayClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.Ids;
import dev.chat.contracts.PresenceChanged;
import dev.chat.gateway.GatewayClients;
import dev.chat.gateway.SharedGatewayContext;
import dev.chat.gateway.TestTokens;
import dev.chat.servicekit.readmodels.ConversationViewDocuments;
import dev.chat.servicekit.readmodels.ReadModels;
import dev.chat.testkit.ChatRSocket;
import dev.chat.testkit.ChatTestKit;
import dev.chat.testkit.KafkaProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.messaging.rsocket.RSocketRequester;
import tools.jackson.databind.JsonNode;

/** Presence by consent ({@code CHAT_PRESENCE_VISIBILITY=contacts}): who sees whom online, on REST and RSocket. */
@SharedGatewayContext
class PresenceVisibilityTest {

    @RegisterExtension
    final GatewayClients clients = new GatewayClients();

    @Autowired
    private ReactiveMongoTemplate mongo;
    private final CloudEventCodec codec = new CloudEventCodec("/presence-service");

    @Test
    void presenceIsVisibleOnlyToContactsOnRestAndRSocket() {
        String viewer = unique("viewer");
        String stranger = unique("stranger");
        String contact = unique("contact");
        // Put into a group by the viewer, and never wrote in it: not a contact (presence by consent).
        String silent = unique("silent");
        Instant seen = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (KafkaProbe probe = KafkaProbe.start(ChatTestKit.get().bootstrapServers())) {
            probe.send(codec.presence(new PresenceChanged(stranger, true, seen, seen)));
            probe.send(codec.presence(new PresenceChanged(contact, true, seen, seen)));
            probe.send(codec.presence(new PresenceChanged(silent, true, seen, seen)));
        }
        String conversationId = Ids.directConversationId(viewer, contact);
        mongo.insert(new Document("_id", conversationId).append(ConversationViewDocuments.PARTICIPANTS,
                Ids.directParticipants(conversationId)).append(ConversationViewDocuments.SPEAKERS, List.of(contact)),
                ReadModels.CONVERSATIONS).block();
        mongo.insert(new Document("_id", Ids.newGroupId()).append(ConversationViewDocuments.PARTICIPANTS,
                List.of(viewer, silent)).append(ConversationViewDocuments.SPEAKERS, List.of(viewer)),
                ReadModels.CONVERSATIONS).block();
        String query = "/api/presence?userIds=" + stranger + "," + contact + "," + silent;

        // Once the gateway has both presences (the contact shows online), the stranger still does not, nor does
        // the member who never wrote.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> clients.http().get().uri(query)
                .headers(h -> h.setBearerAuth(TestTokens.token(viewer))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.presence[1].online").isEqualTo(true)
                .jsonPath("$.presence[0].online").isEqualTo(false)
                .jsonPath("$.presence[0].lastSeenAt").doesNotExist()
                .jsonPath("$.presence[2].online").isEqualTo(false)
                .jsonPath("$.presence[2].lastSeenAt").doesNotExist());
        // The silent member sees the viewer, who put them there.
        clients.http().get().uri("/api/presence?userIds=" + viewer).headers(h -> h.setBearerAuth(TestTokens.token(silent)))
                .exchange().expectBody().jsonPath("$.presence[0].userId").isEqualTo(viewer);
        RSocketRequester rsocket = clients.rsocket(TestTokens.token(viewer));
        JsonNode answer = ChatRSocket.tree(rsocket.route("chat.presence")
                .data(ChatRSocket.json(Map.of("userIds", List.of(stranger, contact))))
                .retrieveMono(String.class).block(Duration.ofSeconds(20)));
        assertThat(answer.at("/0/online").asBoolean()).isFalse();
        assertThat(answer.at("/1/online").asBoolean()).isTrue();
        // Their own presence is theirs to see.
        clients.http().get().uri("/api/presence?userIds=" + stranger).headers(h -> h.setBearerAuth(TestTokens.token(stranger)))
                .exchange().expectBody().jsonPath("$.presence[0].online").isEqualTo(true);
    }
}
