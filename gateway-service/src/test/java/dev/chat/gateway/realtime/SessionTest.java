package dev.chat.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.MessagesRead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

class SessionTest {

    private static final String CONVERSATION = "dm.alice.bob";

    private final Session session = new Session("s-1", "alice", 100);
    private final List<Frame> frames = new ArrayList<>();

    SessionTest() {
        session.frames().subscribe(frames::add);
    }

    @Test
    void nothingFromTheLogOrTheFeedsReachesASessionBeforeItsStreamStarts() {
        session.offer(logged(0, 5, message("bob", "b-1", 1)));
        session.push(Frame.of("presence", Map.of("userId", "bob")));
        session.pushConversationUpdate(CONVERSATION, 1, Frame.of("conversationUpdated", Map.of()));
        session.reply(Frame.of("error", Map.of("message", "bad frame")));

        assertThat(events()).containsExactly("error");
    }

    @Test
    void aCatchUpReplaysThenSaysReadyThenReleasesWhatArrivedMeanwhileWithoutDuplicates() {
        session.beginCatchUp(Map.of(0, 10L, 1, 3L));
        session.offer(logged(0, 11, message("bob", "b-2", 2))); // live, while the scan runs: held back
        session.offer(logged(0, 12, message("bob", "b-3", 3)));
        assertThat(frames).isEmpty();

        assertThat(session.replay(logged(0, 10, message("bob", "b-1", 1)))).isTrue();
        assertThat(session.replay(logged(0, 11, message("bob", "b-2", 2)))).isTrue();
        session.finishCatchUp(Map.of(0, 12L, 1, 3L), Frame.of("reload", Map.of("reason", "why")), 2);

        assertThat(events()).containsExactly("newMessage", "newMessage", "reload", "ready", "newMessage");
        assertThat(frames.get(0).cursor()).isEqualTo(Cursor.encode(Map.of(0, 11L, 1, 3L)));
        assertThat(frames.get(3).cursor()).isEqualTo(Cursor.encode(Map.of(0, 12L, 1, 3L)));
        assertThat(frames.get(4).cursor()).isEqualTo(Cursor.encode(Map.of(0, 13L, 1, 3L)));
        assertThat(session.cursor()).isEqualTo(Cursor.encode(Map.of(0, 13L, 1, 3L)));

        session.offer(logged(0, 12, message("bob", "b-3", 3))); // seen already
        session.offer(logged(1, 3, message("bob", "b-9", 9)));
        assertThat(events()).hasSize(6).endsWith("newMessage");
    }

    @Test
    void ownSendsComeBackAsMessageSentOthersAsNewMessageAndOwnReceiptsNotAtAll() {
        live();
        session.expectAck("a-1");

        session.offer(logged(0, 0, message("alice", "a-1", 1)));
        session.offer(logged(0, 1, message("alice", "a-2", 2))); // sent from another device: not awaited here
        session.offer(logged(0, 2, message("bob", "b-1", 3)));
        session.offer(logged(0, 3, read("alice", 3)));
        session.offer(logged(0, 4, read("bob", 3)));

        assertThat(events()).containsExactly("ready", "messageSent", "newMessage", "newMessage", "messagesRead");
    }

    @Test
    void aConversationUpdateIsSentOnlyIfNewerThanTheLastOneSent() {
        live();

        session.pushConversationUpdate(CONVERSATION, 2, Frame.of("conversationUpdated", Map.of("version", 2)));
        session.pushConversationUpdate(CONVERSATION, 1, Frame.of("conversationUpdated", Map.of("version", 1)));
        session.pushConversationUpdate(CONVERSATION, 2, Frame.of("conversationUpdated", Map.of("version", 2)));
        session.pushConversationUpdate("dm.alice.carol", 1, Frame.of("conversationUpdated", Map.of("version", 1)));

        assertThat(events()).containsExactly("ready", "conversationUpdated", "conversationUpdated");
    }

    @Test
    void aClientThatDoesNotReadIsClosedWithTheReasonOnceItsBufferIsFull() {
        Session slow = new Session("s-2", "alice", 16);
        List<String> closed = new ArrayList<>();
        slow.closedByServer().map(Session.ServerClose::reason).subscribe(closed::add);
        slow.frames().subscribe(new BaseSubscriber<Frame>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                // connected, but reads nothing
            }
        });

        for (int i = 0; i < 16; i++) {
            slow.reply(Frame.of("error", Map.of()));
        }
        assertThat(closed).isEmpty();
        slow.reply(Frame.of("error", Map.of()));

        assertThat(closed).singleElement().asString().startsWith("too slow: more than 16 frames waiting");
    }

    @Test
    void framesForAConnectionNotYetReadingAreBufferedAndAnOverflowClosesTheSessionInsteadOfDroppingFrames() {
        Session early = new Session("s-4", "alice", 16);
        List<String> closed = new ArrayList<>();
        early.closedByServer().map(Session.ServerClose::reason).subscribe(closed::add);

        for (int i = 0; i < 16; i++) {
            early.reply(Frame.of("error", Map.of("n", i)));
        }
        assertThat(closed).isEmpty();
        early.reply(Frame.of("error", Map.of("n", 16)));

        assertThat(closed).singleElement().asString().startsWith("too slow");
        List<Object> numbers = early.frames().map(frame -> (Object) ((Map<?, ?>) frame.data()).get("n"))
                .collectList().block();
        assertThat(numbers).hasSize(16).startsWith(0).endsWith(15);
    }

    @Test
    void aCatchUpThatFallsTooFarBehindClosesTheSession() {
        Session small = new Session("s-3", "alice", 1);
        List<String> closed = new ArrayList<>();
        small.closedByServer().map(Session.ServerClose::reason).subscribe(closed::add);
        small.beginCatchUp(Map.of(0, 0L));

        for (int offset = 0; offset <= 10; offset++) {
            small.offer(logged(0, offset, message("bob", "b-" + offset, offset + 1)));
        }

        assertThat(closed).singleElement().asString().startsWith("fell behind while catching up");
    }

    @Test
    void aDrainedSessionEndsWithAReconnectFrameCarryingItsCursorAndDelayThenClosesAfterTheFlush() {
        live();
        session.offer(logged(0, 4, message("bob", "b-1", 1)));
        List<Session.ServerClose> closed = new ArrayList<>();
        session.closedByServer().subscribe(closed::add);

        session.drain("the gateway is shutting down", 1234);
        session.offer(logged(0, 5, message("bob", "b-2", 2)));

        assertThat(events()).containsExactly("ready", "newMessage", "reconnect");
        Frame last = frames.get(frames.size() - 1);
        assertThat(last.cursor()).isEqualTo(Cursor.encode(Map.of(0, 5L)));
        assertThat(last.json()).contains("\"retryAfterMs\":1234");
        assertThat(closed).containsExactly(new Session.ServerClose("the gateway is shutting down", true));
    }

    private void live() {
        session.beginCatchUp(Map.of(0, 0L));
        session.finishCatchUp(Map.of(0, 0L), null, 0);
    }

    private List<String> events() {
        return frames.stream().map(Frame::event).toList();
    }

    private static LoggedEvent logged(int partition, long offset, dev.chat.contracts.ChatEvent event) {
        return new LoggedEvent(partition, offset, event);
    }

    private static MessageSent message(String sender, String clientMessageId, long version) {
        return new MessageSent("m-" + clientMessageId, CONVERSATION, version, sender, List.of("alice", "bob"),
                clientMessageId, "hello", MessageType.TEXT, List.of(), Instant.parse("2026-11-25T10:00:00Z"));
    }

    private static MessagesRead read(String reader, long upTo) {
        return new MessagesRead(CONVERSATION, upTo + 1, reader, upTo, List.of("alice", "bob"),
                Instant.parse("2026-11-25T10:01:00Z"));
    }
}
