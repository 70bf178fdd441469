package dev.chat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.Topics;
import dev.chat.message.messaging.TestHooks;
import dev.chat.testkit.ChatTestKit;
import dev.chat.testkit.ChatTestKitInitializer;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/** message-service against the embedded KRaft broker and the Mongo wire server. */
@SpringBootTest
@ContextConfiguration(initializers = ChatTestKitInitializer.class)
@Import(TestHooks.class)
class MessageServiceIntegrationTest extends MessageServiceFlows {

    @Autowired
    private TestHooks hooks;

    @BeforeAll
    static void probe() {
        startProbe(ChatTestKit.get().bootstrapServers());
    }

    @Test
    void aMongoOutageIsWaitedOutAndNothingIsLost() {
        awaitOutcome(send(alice, bob, "before", "before the outage"));
        ChatTestKit.get().mongoProxy().cut();
        String during;
        try {
            during = send(alice, bob, "during", "sent while Mongo is down");
            // While Mongo is unreachable the command is neither decided nor dead-lettered.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> events().size() == 2
                            && probe.records(Topics.COMMANDS.deadLetterTopic(), conversation).isEmpty());
        } finally {
            ChatTestKit.get().mongoProxy().restore();
        }
        CommandAccepted accepted = (CommandAccepted) awaitOutcome(during);
        assertThat(accepted.message().version()).isEqualTo(3);
        assertThat(awaitEvents(3)).extracting(ChatEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(probe.records(Topics.COMMANDS.deadLetterTopic(), conversation)).isEmpty();
    }

    @Test
    void aCommandRedeliveredAfterACrashReEmitsTheSameDecisionWithoutBurningAVersion() {
        SendMessage command = sendCommand(alice, bob, "crash", "decided, then the service died");
        // As if the service stored its decision in Mongo and died before its Kafka transaction committed.
        hooks.decideWithoutPublishing(command);

        command(command);

        CommandAccepted accepted = (CommandAccepted) awaitOutcome(command.commandId());
        assertThat(accepted.duplicate()).isFalse();
        awaitOutcome(send(alice, bob, "next", "the next one"));
        assertThat(awaitEvents(3)).extracting(ChatEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(accepted.message().version()).isEqualTo(2);
        assertThat(mongo.getCollection("messages").countDocuments(new Document("conversationId", conversation)))
                .isEqualTo(2);
    }
}
