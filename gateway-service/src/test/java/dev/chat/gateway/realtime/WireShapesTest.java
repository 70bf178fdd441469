package dev.chat.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.Attachment;
import dev.chat.contracts.ChatJson;
import dev.chat.contracts.ConversationView;
import dev.chat.contracts.GroupCreated;
import dev.chat.contracts.GroupRenamed;
import dev.chat.contracts.MemberRemoved;
import dev.chat.contracts.MembersAdded;
import dev.chat.contracts.MessageDeleted;
import dev.chat.contracts.MessageEdited;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.MessagesDelivered;
import dev.chat.contracts.MessagesRead;
import dev.chat.contracts.PresenceChanged;
import dev.chat.contracts.ReactionAdded;
import dev.chat.gateway.wire.RestBodies;
import dev.chat.gateway.wire.WireConversation;
import dev.chat.gateway.wire.WireMessage;
import dev.chat.gateway.wire.WirePresence;
import dev.chat.gateway.wire.WireUser;
import dev.chat.servicekit.readmodels.HistoryEntry;
import dev.chat.servicekit.readmodels.MessageDeliveries;
import dev.chat.servicekit.readmodels.UserProfileView;
import dev.chat.testkit.ChatTestKitInitializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Golden JSON for every {@code /ws} frame and the original endpoints' bodies, as the contracts module
 * pins Kafka records: a change of shape fails here first. Frames are written by the frame encoder; REST
 * bodies by the JSON mapper the web layer uses. {@code -Dgolden.update=true} rewrites the files (then
 * review the diff).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.gateway.dev-tokens=true", "chat.gateway.send-timeout=2s",
                "chat.gateway.send-burst=5", "chat.gateway.send-rate-per-second=0.01",
                "chat.gateway.realtime.rsocket-tcp-port=0"})
@ContextConfiguration(initializers = ChatTestKitInitializer.class)
class WireShapesTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Instant SENT = Instant.parse("2026-11-25T10:15:30.123Z");
    private static final MessageSent MESSAGE = new MessageSent("m-1", "dm.alice.bob", 2, "alice", List.of("alice", "bob"),
            "c-1", "Hi Bob", MessageType.IMAGE, List.of(new Attachment("https://files.example/cat.png", "image/png",
                    "cat.png")), SENT);
    private static final ConversationView VIEW = new ConversationView("dm.alice.bob", 3, "direct", List.of("alice", "bob"),
            SENT.minusSeconds(60), new ConversationView.LastMessage("m-1", "alice", "Hi Bob", MessageType.IMAGE, 2, SENT),
            SENT, Map.of("bob", 1L, "alice", 0L), Map.of("alice", 2L));
    private static final Map<String, UserProfileView> PROFILES = Map.of("alice",
            new UserProfileView("alice", "alice", "Alice Liddell", "https://files.example/alice.png", SENT));

    @Autowired
    private JsonMapper web;

    @Test
    void everyFrame() throws IOException {
        WireMessage message = WireMessage.of(MESSAGE);
        frame("newMessage", logged(MESSAGE, "bob", false, "c1.MDoz"));
        frame("messageSent", logged(MESSAGE, "alice", true, "c1.MDoz"));
        frame("messageSent-duplicate", Frames.duplicateSent(message));
        frame("messagesRead", logged(new MessagesRead("dm.alice.bob", 4, "bob", 2, List.of("alice", "bob"),
                SENT.plusSeconds(5)), "alice", false, "c1.MDo0"));
        frame("messageDelivered", Frames.delivered("dm.alice.bob", new MessagesDelivered.Delivery("bob", "m-1", 2,
                SENT.plusSeconds(1))));
        frame("conversationUpdated", Frames.conversationUpdated("dm.alice.bob",
                WireConversation.LastMessage.of(VIEW.lastMessage()), 1, 3));
        frame("conversationUpdated-empty", Frames.conversationUpdated("dm.alice.bob", null, 0, 1));
        frame("presence", Frames.presence(WirePresence.of("bob",
                new PresenceChanged("bob", false, SENT.plusSeconds(9), SENT.plusSeconds(9)))));
        frame("presence-never-seen", Frames.presence(WirePresence.of("carol", null)));
        frame("userTyping", Frames.typing(true, "dm.alice.bob", "bob"));
        frame("userStoppedTyping", Frames.typing(false, "dm.alice.bob", "bob"));
        frame("ready", Frames.ready("s-1", "alice", 3, "c1.MDoz"));
        frame("reload", Frames.reload("the cursor is not one this server issued"));
        frame("reconnect", Frames.reconnect("the gateway is restarting", 2345, "c1.MDoz"));
        frame("messageError", Frames.messageError("c-9", "content must not be blank", false));
        frame("error", Frames.error("unknown event 'fly'", "fly"));
        frame("error-no-event", Frames.error("a frame needs an \"event\" name", null));
        String group = "grp.3f2a9c4e-8b1d-4e6f-9a0b-5c7d8e9f0a1b";
        List<String> members = List.of("alice", "bob", "carol");
        changeFrame("messageEdited", new MessageEdited("dm.alice.bob", 5, "m-1", 2, "alice", "Hi Bob!",
                List.of("alice", "bob"), SENT.plusSeconds(30)), "c1.MDo1");
        changeFrame("messageDeleted", new MessageDeleted("dm.alice.bob", 6, "m-1", 2, "alice", "alice",
                List.of("alice", "bob"), SENT.plusSeconds(40)), "c1.MDo2");
        changeFrame("reactionsUpdated", new ReactionAdded("dm.alice.bob", 7, "m-1", 2, "bob", "\uD83D\uDC4D",
                List.of("alice", "bob"), SENT.plusSeconds(50)), "c1.MDo3");
        changeFrame("membersChanged-created", new GroupCreated(group, 1, "Lunch crew", members, List.of("alice"), "alice",
                SENT), "c1.MDox");
        changeFrame("membersChanged-added", new MembersAdded(group, 2, "alice", List.of("dave"),
                List.of("alice", "bob", "carol", "dave"), SENT), "c1.MDoy");
        changeFrame("membersChanged-removed", new MemberRemoved(group, 3, "carol", "carol",
                List.of("alice", "bob", "dave"), List.of("alice"), SENT), "c1.MDoz");
        changeFrame("membersChanged-renamed", new GroupRenamed(group, 4, "bob", "Friday lunch",
                List.of("alice", "bob", "dave"), SENT), "c1.MDo0");
    }

    private void changeFrame(String name, dev.chat.contracts.ChatEvent event, String cursor) throws IOException {
        frame(name, logged(event, "bob", false, cursor));
    }

    /** An event of the log as a session of {@code viewer} gets it: named and filled by {@code EventFrames}. */
    private static Frame logged(dev.chat.contracts.ChatEvent event, String viewer, boolean acknowledging, String cursor) {
        return Frames.logged(EventFrames.name(event, viewer, acknowledging), new LoggedEvent(0, 1, event).data(), cursor);
    }

    @Test
    void theOriginalEndpointsBodies() throws IOException {
        WireConversation conversation = WireConversation.of(VIEW, PROFILES, "alice");
        rest("conversations", new RestBodies.Conversations(List.of(conversation)));
        rest("conversation-history", new RestBodies.History(List.of(WireMessage.of(new HistoryEntry("dm.alice.bob:2",
                "m-1", "dm.alice.bob", 2, "alice", "bob", List.of("alice", "bob"), "c-1", "Hi Bob", "text", List.of(), SENT,
                true, SENT.plusSeconds(5)), MessageDeliveries.none("dm.alice.bob"), "bob")), conversation));
        rest("conversation-history-none", new RestBodies.History(List.of(), null));
        rest("send-201", new RestBodies.Sent(WireMessage.of(MESSAGE), false));
        rest("send-202", new RestBodies.Pending(dev.chat.gateway.commands.CommandResult.Pending.SEND, "c-1"));
        rest("read", new RestBodies.Read(2));
        rest("read-202", new RestBodies.Pending(dev.chat.gateway.commands.CommandResult.Pending.READ, null));
        rest("unread-count", new RestBodies.UnreadCount(4));
        rest("failure", new RestBodies.Failure("cannot send to yourself"));
        rest("users", new RestBodies.Users(List.of(WireUser.of("alice", PROFILES.get("alice")), WireUser.of("bob", null))));
        rest("presence", new RestBodies.Presence(List.of(WirePresence.of("carol", null))));
    }

    private void frame(String name, Frame frame) throws IOException {
        golden("frames/" + name + ".json", frame.json());
    }

    private void rest(String name, Object body) throws IOException {
        golden("rest/" + name + ".json", web.writeValueAsString(body));
    }

    private static void golden(String file, String actual) throws IOException {
        Path path = GOLDEN.resolve(file);
        String pretty = ChatJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(ChatJson.mapper().readTree(actual));
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(path, pretty + "\n");
        }
        assertThat(path).as("golden file %s (run with -Dgolden.update=true to write it, then review)", file).exists();
        // Same fields, same order, same values: compared as written, after normalising whitespace.
        assertThat(ChatJson.mapper().readTree(actual).toString()).as(file)
                .isEqualTo(ChatJson.mapper().readTree(Files.readString(path)).toString());
    }
}
