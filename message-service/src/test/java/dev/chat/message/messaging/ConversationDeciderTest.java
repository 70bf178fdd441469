package dev.chat.message.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.Attachment;
import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.CommandRejected;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.MarkConversationRead;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.MessagesRead;
import dev.chat.contracts.RejectionCode;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.UrlPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The conversation rules, as "given these events, when this command, expect these events". */
class ConversationDeciderTest {

    private static final String DM = "dm.alice.bob";
    private static final List<String> ALICE_BOB = List.of("alice", "bob");
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00.123456Z");
    private static final Instant NOW_MS = Instant.parse("2026-11-24T12:00:00.123Z");

    private final AtomicInteger ids = new AtomicInteger();
    private final ConversationDecider decider = new ConversationDecider(10, new UrlPolicy(false), Clock.fixed(NOW, ZoneOffset.UTC),
            () -> "m" + ids.incrementAndGet());
    private final Deciders deciders = new Deciders(decider, new GroupDecider(256, Clock.fixed(NOW, ZoneOffset.UTC)),
            new MessageActionDecider(java.time.Duration.ofMinutes(15), 10, Clock.fixed(NOW, ZoneOffset.UTC)),
            new BlockDecider(Clock.fixed(NOW, ZoneOffset.UTC)));

    @Nested
    class Sending {

        @Test
        void theFirstMessageStartsTheConversation() {
            given()
                    .when(send("alice", "bob", "c1", "hi"))
                    .expectEvents(
                            new ConversationStarted(DM, 1, "direct", ALICE_BOB, "alice", NOW_MS),
                            sent("m1", 2, "alice", "c1", "hi"))
                    .expectAcceptedWith(sent("m1", 2, "alice", "c1", "hi"), false)
                    .expectConversationVersion(2);
        }

        @Test
        void laterMessagesTakeTheNextVersion() {
            given(started(), sent("m0", 2, "alice", "c1", "hi"))
                    .when(send("bob", "alice", "c9", "hey"))
                    .expectEvents(sent("m1", 3, "bob", "c9", "hey"));
        }

        @Test
        void aRepeatedClientMessageIdIsAnsweredWithTheOriginalAndRecordsNothing() {
            MessageSent original = sent("m0", 2, "alice", "c1", "hi");
            given(started(), original)
                    .when(send("alice", "bob", "c1", "hi"))
                    .expectNoEvents()
                    .expectAcceptedWith(original, true)
                    .expectConversationVersion(2);
        }

        @Test
        void theSameClientMessageIdFromTheOtherParticipantIsANewMessage() {
            given(started(), sent("m0", 2, "alice", "c1", "hi"))
                    .when(send("bob", "alice", "c1", "yo"))
                    .expectEvents(sent("m1", 3, "bob", "c1", "yo"));
        }

        @Test
        void blankContentIsRejected() {
            given().when(send("alice", "bob", "c1", "   ")).expectRejected(RejectionCode.INVALID, "blank");
        }

        @Test
        void contentOverTheLimitIsRejectedAsTooLarge() {
            given().when(send("alice", "bob", "c1", "12345678901")).expectRejected(RejectionCode.TOO_LARGE, "10");
        }

        @Test
        void theLimitCountsCharactersNotUtf16Units() {
            given().when(send("alice", "bob", "c1", "😀".repeat(10))).expectEvents(
                    new ConversationStarted(DM, 1, "direct", ALICE_BOB, "alice", NOW_MS),
                    sent("m1", 2, "alice", "c1", "😀".repeat(10)));
        }

        @Test
        void anUnknownTypeIsRejected() {
            given().when(new SendMessage("cmd", DM, "alice", "bob", "c1", "hi", "video", List.of(), NOW))
                    .expectRejected(RejectionCode.INVALID, "unknown message type 'video'");
        }

        @Test
        void anImageNeedsAnAttachmentButNoCaption() {
            given().when(new SendMessage("cmd", DM, "alice", "bob", "c1", "", "image", List.of(), NOW))
                    .expectRejected(RejectionCode.INVALID, "attachment");
            Attachment photo = new Attachment("https://cdn/x.png", "image/png", "x.png");
            Decision decision = decider.decide(ConversationState.empty(DM),
                    new SendMessage("cmd", DM, "alice", "bob", "c1", "", "image", List.of(photo), NOW), Optional.empty());
            assertThat(decision.events()).last().isEqualTo(new MessageSent("m1", DM, 2, "alice", ALICE_BOB, "c1", "",
                    MessageType.IMAGE, List.of(photo), NOW_MS));
        }

        @Test
        void attachmentLinksMustBeHttpsNoScriptDataOrFileUrls() {
            for (String url : List.of("javascript:alert(1)", "data:text/html,<script>x</script>", "vbscript:msgbox",
                    "file:///etc/passwd", "http://cdn.example/x.png", "//cdn.example/x.png", "https:no-host")) {
                given().when(new SendMessage("cmd", DM, "alice", "bob", "c1", "", "image",
                                List.of(new Attachment(url, "image/png", "x.png")), NOW))
                        .expectRejected(RejectionCode.INVALID, "attachment url must be an absolute https URL");
            }
        }

        @Test
        void invalidIdsAreRejected() {
            given().when(send("al ice", "bob", "c1", "hi")).expectRejected(RejectionCode.INVALID, "sender");
            given().when(send("alice", "bob", " ", "hi")).expectRejected(RejectionCode.INVALID, "clientMessageId");
        }

        @Test
        void aStrangerCannotWriteIntoAConversation() {
            given(started())
                    .when(new SendMessage("cmd", DM, "carol", null, "c1", "hi", "text", List.of(), NOW))
                    .expectRejected(RejectionCode.NOT_A_PARTICIPANT, "not a participant");
            given()
                    .when(new SendMessage("cmd", DM, "carol", "bob", "c1", "hi", "text", List.of(), NOW))
                    .expectRejected(RejectionCode.NOT_A_PARTICIPANT, "not a participant");
        }

        @Test
        void aConversationIdThatDoesNotMatchItsParticipantsIsRejected() {
            given()
                    .when(new SendMessage("cmd", "dm.alice.carol", "alice", "bob", "c1", "hi", "text", List.of(), NOW))
                    .expectRejected(RejectionCode.INVALID, "does not match");
        }

        @Test
        void nobodyTalksToThemselves() {
            given()
                    .when(new SendMessage("cmd", "dm.alice.alice", "alice", "alice", "c1", "hi", "text", List.of(), NOW))
                    .expectRejected(RejectionCode.INVALID, "yourself");
        }
    }

    @Nested
    class Reading {

        @Test
        void readingUnreadMessagesRecordsTheReadPosition() {
            given(started(), sent("m0", 2, "alice", "c1", "hi"), sent("m1", 3, "alice", "c2", "there"))
                    .when(read("bob", null))
                    .expectEvents(new MessagesRead(DM, 4, "bob", 3, ALICE_BOB, NOW_MS))
                    .expectAcceptedReadUpTo(3)
                    .expectConversationVersion(4);
        }

        @Test
        void readingAgainWithNothingNewRecordsNothing() {
            given(started(), sent("m0", 2, "alice", "c1", "hi"), new MessagesRead(DM, 3, "bob", 2, ALICE_BOB, NOW_MS))
                    .when(read("bob", null))
                    .expectNoEvents()
                    .expectAcceptedReadUpTo(2)
                    .expectConversationVersion(3);
        }

        @Test
        void onlyOwnMessagesMeansNothingToRead() {
            given(started(), sent("m0", 2, "alice", "c1", "hi"))
                    .when(read("alice", null))
                    .expectNoEvents();
        }

        @Test
        void aPartialReadStopsAtTheRequestedVersionAndAFutureVersionIsClamped() {
            given(started(), sent("m0", 2, "alice", "c1", "a"), sent("m1", 3, "alice", "c2", "b"))
                    .when(read("bob", 2L))
                    .expectEvents(new MessagesRead(DM, 4, "bob", 2, ALICE_BOB, NOW_MS));
            given(started(), sent("m0", 2, "alice", "c1", "a"))
                    .when(read("bob", 99L))
                    .expectEvents(new MessagesRead(DM, 3, "bob", 2, ALICE_BOB, NOW_MS));
        }

        @Test
        void unknownConversationsAndStrangersAreRejected() {
            given().when(read("bob", null)).expectRejected(RejectionCode.UNKNOWN_CONVERSATION, "does not exist");
            given(started()).when(read("carol", null)).expectRejected(RejectionCode.NOT_A_PARTICIPANT, "participant");
            // A stranger hears the same of a conversation that does not exist as of one that does.
            given().when(read("carol", null)).expectRejected(RejectionCode.NOT_A_PARTICIPANT, "participant");
            given(started()).when(read("bob", -1L)).expectRejected(RejectionCode.INVALID, "negative");
        }
    }

    @Test
    void stateRefusesAGapInVersions() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConversationState.of(DM,
                List.of(started(), sent("m0", 3, "alice", "c1", "hi")))).isInstanceOf(IllegalStateException.class);
    }

    // --- the given/when/expect vocabulary ---

    private DecisionScenario given(ChatEvent... history) {
        return DecisionScenario.given(deciders, history);
    }

    private static ConversationStarted started() {
        return new ConversationStarted(DM, 1, "direct", ALICE_BOB, "alice", NOW_MS);
    }

    private static MessageSent sent(String id, long version, String sender, String clientId, String content) {
        return new MessageSent(id, DM, version, sender, ALICE_BOB, clientId, content, MessageType.TEXT, List.of(), NOW_MS);
    }

    private static SendMessage send(String from, String to, String clientId, String content) {
        return new SendMessage("cmd", DM, from, to, clientId, content, "text", List.of(), NOW);
    }

    private static MarkConversationRead read(String reader, Long upTo) {
        return new MarkConversationRead("cmd", DM, reader, upTo, NOW);
    }
}
