package dev.chat.gateway.realtime;

import static dev.chat.gateway.GatewayClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.BlockChanged;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.GroupCreated;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.MessagesDelivered;
import dev.chat.contracts.Topics;
import dev.chat.gateway.GatewayClients;
import dev.chat.gateway.SharedGatewayContext;
import dev.chat.gateway.TestTokens;
import dev.chat.gateway.blocklist.BlockList;
import dev.chat.testkit.ChatSocket;
import dev.chat.testkit.ChatTestKit;
import dev.chat.testkit.KafkaProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Delivery receipts on the embedded broker, with real WebSocket clients: the test writes the conversation events
 * (as message-service would) and reads {@code chat.deliveries.v1}.
 */
@SharedGatewayContext
class DeliveryReceiptsTest {

    private static KafkaProbe probe;
    private final CloudEventCodec codec = new CloudEventCodec("/message-service");
    @RegisterExtension
    final GatewayClients clients = new GatewayClients();

    @Autowired
    private BlockList blocks;

    @BeforeAll
    static void startProbe() {
        probe = KafkaProbe.start(ChatTestKit.get().bootstrapServers(), Topics.DELIVERIES.name());
    }

    @AfterAll
    static void stopProbe() {
        probe.close();
    }

    @Test
    void theSenderHearsOnceTheReceiversDevicesGotTheMessagesOneRecordNamingTheReceiverOnce() {
        String alice = unique("alice");
        String bob = unique("bob");
        String dm = Ids.directConversationId(alice, bob);
        ChatSocket alices = clients.joined(alice);
        ChatSocket phone = clients.joined(bob);
        ChatSocket laptop = clients.joined(bob);
        publish(new ConversationStarted(dm, 1, "direct", Ids.directParticipants(dm), alice, Instant.now()));
        MessageSent first = message(dm, 2, alice, Ids.directParticipants(dm));
        MessageSent second = message(dm, 3, alice, Ids.directParticipants(dm));
        publish(first);
        publish(second);

        JsonNode receipt = alices.await("messageDelivered", d -> d.path("upToVersion").asLong() == 3).path("data");
        assertThat(receipt.path("conversationId").asString()).isEqualTo(dm);
        assertThat(receipt.path("userId").asString()).isEqualTo(bob);
        assertThat(receipt.path("messageId").asString()).isEqualTo(second.messageId());
        assertThat(receipt.path("deliveredAt").asString()).isNotBlank();
        // Two devices got each message; each record names bob once, with the furthest message it covers.
        List<MessagesDelivered> records = probe.payloads(Topics.DELIVERIES.name(), dm, MessagesDelivered.class);
        assertThat(records).isNotEmpty().allSatisfy(record -> assertThat(record.deliveries())
                .singleElement().satisfies(d -> assertThat(d.userId()).isEqualTo(bob)));
        assertThat(records.get(records.size() - 1).deliveries().get(0).upToVersion()).isEqualTo(3);
        // The receiver is not told of its own deliveries; the sender's own device got no receipt for itself.
        assertThat(phone.frames("messageDelivered")).isEmpty();
        assertThat(laptop.frames("messageDelivered")).isEmpty();
    }

    @Test
    void inAGroupAMessageIsDeliveredOnceAnyOtherMemberGotIt() {
        String alice = unique("alice");
        String bob = unique("bob");
        String carol = unique("carol");
        String group = "grp." + UUID.randomUUID();
        List<String> members = List.of(alice, bob, carol);
        ChatSocket alices = clients.joined(alice);
        clients.joined(bob);
        clients.joined(carol);
        publish(new GroupCreated(group, 1, "Lunch", members, List.of(alice), alice, Instant.now()));
        MessageSent sent = message(group, 2, alice, members);
        publish(sent);

        JsonNode receipt = alices.await("messageDelivered", d -> d.path("upToVersion").asLong() == 2).path("data");
        assertThat(receipt.path("userId").asString()).isIn(bob, carol);
        await().untilAsserted(() -> assertThat(probe.payloads(Topics.DELIVERIES.name(), group, MessagesDelivered.class))
                .flatExtracting(MessagesDelivered::deliveries)
                .extracting(MessagesDelivered.Delivery::userId).contains(bob, carol).doesNotContain(alice));
    }

    @Test
    void nothingIsRecordedBetweenABlockerAndTheBlocked() {
        String alice = unique("alice");
        String bob = unique("bob");
        String carol = unique("carol");
        String blocked = Ids.directConversationId(alice, bob);
        String open = Ids.directConversationId(carol, bob);
        probe.send(codec.block(new BlockChanged(blocked, bob, alice, true, Instant.now())));
        await().until(() -> blocks.blocks(bob, alice));
        ChatSocket alices = clients.joined(alice);
        ChatSocket bobs = clients.joined(bob);
        ChatSocket carols = clients.joined(carol);
        // A message from before the block reaches bob now (he was away).
        publish(new ConversationStarted(blocked, 1, "direct", Ids.directParticipants(blocked), alice, Instant.now()));
        publish(message(blocked, 2, alice, Ids.directParticipants(blocked)));
        bobs.await("newMessage", d -> d.path("conversation").asString().equals(blocked));
        // Then carol writes twice, the second after her first receipt: a flush after the one bob's copy was in.
        publish(new ConversationStarted(open, 1, "direct", Ids.directParticipants(open), carol, Instant.now()));
        publish(message(open, 2, carol, Ids.directParticipants(open)));
        carols.await("messageDelivered", d -> d.path("upToVersion").asLong() == 2);
        publish(message(open, 3, carol, Ids.directParticipants(open)));
        carols.await("messageDelivered", d -> d.path("upToVersion").asLong() == 3);

        assertThat(probe.payloads(Topics.DELIVERIES.name(), blocked, MessagesDelivered.class)).isEmpty();
        assertThat(alices.frames("messageDelivered")).isEmpty();
    }

    private void publish(ChatEvent event) {
        probe.send(codec.event(event));
    }

    private static MessageSent message(String conversationId, long version, String sender, List<String> participants) {
        return new MessageSent(UUID.randomUUID().toString(), conversationId, version, sender, participants,
                "c-" + version, "message " + version, MessageType.TEXT, List.of(), Instant.now());
    }
}
