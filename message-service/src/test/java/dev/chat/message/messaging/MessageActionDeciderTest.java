package dev.chat.message.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.Attachment;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.DeleteMessage;
import dev.chat.contracts.EditMessage;
import dev.chat.contracts.GroupCreated;
import dev.chat.contracts.MessageDeleted;
import dev.chat.contracts.MessageEdited;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.ReactToMessage;
import dev.chat.contracts.ReactionAdded;
import dev.chat.contracts.ReactionRemoved;
import dev.chat.contracts.RejectionCode;
import dev.chat.contracts.ReplyPreview;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.UrlPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Edits, deletions, reactions and replies, as "given these events, when this command, expect these events". */
class MessageActionDeciderTest {

    static final String DM = "dm.alice.bob";
    private static final List<String> ALICE_BOB = List.of("alice", "bob");
    static final Instant SENT = Instant.parse("2026-11-24T12:00:00.000Z");
    static final Instant NOW = SENT.plus(Duration.ofMinutes(10));

    static Deciders deciders(Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new Deciders(new ConversationDecider(20, new UrlPolicy(false), clock, () -> "m9"),
                new GroupDecider(256, clock), new MessageActionDecider(Duration.ofMinutes(15), 20, clock),
                new BlockDecider(clock));
    }

    @Nested
    class Editing {

        @Test
        void theAuthorEditsWithinTheWindow() {
            given(started(), lunch())
                    .when(new EditMessage("cmd", DM, "alice", "m1", "Lunch at one?", NOW))
                    .expectEvents(new MessageEdited(DM, 3, "m1", 2, "alice", "Lunch at one?", ALICE_BOB, NOW))
                    .expectConversationVersion(3);
        }

        @Test
        void onlyTheAuthorEdits() {
            given(started(), lunch()).when(new EditMessage("cmd", DM, "bob", "m1", "Mine now", NOW))
                    .expectRejected(RejectionCode.NOT_ALLOWED, "only its author");
        }

        @Test
        void afterTheWindowOrOnceDeletedAnEditIsAConflict() {
            DecisionScenario.given(deciders(SENT.plus(Duration.ofMinutes(15)).plusMillis(1)), started(), lunch())
                    .when(new EditMessage("cmd", DM, "alice", "m1", "Too late", NOW))
                    .expectRejected(RejectionCode.CONFLICT, "15 minutes");
            DecisionScenario.given(deciders(SENT.plus(Duration.ofMinutes(15))), started(), lunch())
                    .when(new EditMessage("cmd", DM, "alice", "m1", "Just in time", NOW))
                    .expectEvents(new MessageEdited(DM, 3, "m1", 2, "alice", "Just in time", ALICE_BOB,
                            SENT.plus(Duration.ofMinutes(15))));
            given(started(), lunch(), deleted(3, "alice"))
                    .when(new EditMessage("cmd", DM, "alice", "m1", "Back", NOW))
                    .expectRejected(RejectionCode.CONFLICT, "deleted");
        }

        @Test
        void theNewContentFollowsTheRulesOfContent() {
            given(started(), lunch()).when(new EditMessage("cmd", DM, "alice", "m1", " ", NOW))
                    .expectRejected(RejectionCode.INVALID, "blank");
            given(started(), lunch()).when(new EditMessage("cmd", DM, "alice", "m1", "x".repeat(21), NOW))
                    .expectRejected(RejectionCode.TOO_LARGE, "20");
        }

        @Test
        void aPictureMayLoseItsCaption() {
            MessageSent picture = new MessageSent("m1", DM, 2, "alice", ALICE_BOB, "c1", "look", MessageType.IMAGE,
                    List.of(new Attachment("https://cdn.example.com/a.jpg", "image/jpeg", "a.jpg")), SENT);
            given(started(), picture).when(new EditMessage("cmd", DM, "alice", "m1", "", NOW))
                    .expectEvents(new MessageEdited(DM, 3, "m1", 2, "alice", "", ALICE_BOB, NOW));
        }

        @Test
        void whoeverCannotSeeAMessageHearsTheSameWhetherItExistsOrNot() {
            given(started(), lunch()).when(new EditMessage("cmd", DM, "alice", "nope", "x", NOW))
                    .expectRejected(RejectionCode.UNKNOWN_MESSAGE, "no such message");
            given().when(new EditMessage("cmd", "dm.alice.carol", "alice", "m1", "x", NOW))
                    .expectRejected(RejectionCode.UNKNOWN_MESSAGE, "no such message");
            // A stranger to an existing conversation and message: no different from a made-up one.
            given(started(), lunch()).when(new EditMessage("cmd", DM, "carol", "m1", "x", NOW))
                    .expectRejected(RejectionCode.UNKNOWN_MESSAGE, "no such message");
            given(started(), lunch()).when(react("carol", "ok", true))
                    .expectRejected(RejectionCode.UNKNOWN_MESSAGE, "no such message");
            given(started(), lunch()).when(new DeleteMessage("cmd", DM, "carol", "m1", NOW))
                    .expectRejected(RejectionCode.UNKNOWN_MESSAGE, "no such message");
        }
    }

    @Nested
    class Deleting {

        @Test
        void theAuthorDeletesAndDeletingAgainChangesNothing() {
            given(started(), lunch()).when(new DeleteMessage("cmd", DM, "alice", "m1", NOW))
                    .expectEvents(deleted(3, "alice"));
            given(started(), lunch(), deleted(3, "alice")).when(new DeleteMessage("cmd", DM, "alice", "m1", NOW))
                    .expectAcceptedWithoutEvents();
        }

        @Test
        void noOneElseDeletesInADirectConversation() {
            given(started(), lunch()).when(new DeleteMessage("cmd", DM, "bob", "m1", NOW))
                    .expectRejected(RejectionCode.NOT_ALLOWED, "only its author or an admin");
        }

        @Test
        void aGroupAdminDeletesAnyMessageAndAMemberOnlyTheirOwn() {
            String group = GroupDeciderTest.GROUP;
            GroupCreated created = GroupDeciderTest.created();
            MessageSent bobs = new MessageSent("m1", group, 2, "bob", created.participants(), "c1", "spam",
                    MessageType.TEXT, List.of(), SENT);
            given(created, bobs).when(new DeleteMessage("cmd", group, "alice", "m1", NOW))
                    .expectEvents(new MessageDeleted(group, 3, "m1", 2, "bob", "alice", created.participants(), NOW));
            given(created, bobs).when(new DeleteMessage("cmd", group, "carol", "m1", NOW))
                    .expectRejected(RejectionCode.NOT_ALLOWED, "only its author or an admin");
        }

        @Test
        void aMemberWhoJoinedAfterAMessageIsNotToldOfWhatHappensToIt() {
            // Everything a member receives follows the history's rule: from when they joined.
            String group = GroupDeciderTest.GROUP;
            GroupCreated created = GroupDeciderTest.created();
            MessageSent bobs = new MessageSent("m1", group, 2, "bob", created.participants(), "c1", "before dave",
                    MessageType.TEXT, List.of(), SENT);
            List<String> withDave = List.of("alice", "bob", "carol", "dave");
            dev.chat.contracts.MembersAdded dave = new dev.chat.contracts.MembersAdded(group, 3, "alice", List.of("dave"),
                    withDave, NOW);
            given(created, bobs, dave).when(new EditMessage("cmd", group, "bob", "m1", "edited", NOW))
                    .expectEvents(new MessageEdited(group, 4, "m1", 2, "bob", "edited", created.participants(), NOW));
            given(created, bobs, dave).when(new DeleteMessage("cmd", group, "bob", "m1", NOW))
                    .expectEvents(new MessageDeleted(group, 4, "m1", 2, "bob", "bob", created.participants(), NOW));
            given(created, bobs, dave).when(new ReactToMessage("cmd", group, "carol", "m1", "ok", true, NOW))
                    .expectEvents(new ReactionAdded(group, 4, "m1", 2, "carol", "ok", created.participants(), NOW));
        }
    }

    @Nested
    class Reacting {

        @Test
        void aReactionIsAddedOnceAndTakenBack() {
            given(started(), lunch()).when(react("bob", "\uD83D\uDC4D", true))
                    .expectEvents(new ReactionAdded(DM, 3, "m1", 2, "bob", "\uD83D\uDC4D", ALICE_BOB, NOW));
            ReactionAdded thumbs = new ReactionAdded(DM, 3, "m1", 2, "bob", "\uD83D\uDC4D", ALICE_BOB, NOW);
            given(started(), lunch(), thumbs).when(react("bob", "\uD83D\uDC4D", true)).expectAcceptedWithoutEvents();
            given(started(), lunch(), thumbs).when(react("bob", "\uD83D\uDC4D", false))
                    .expectEvents(new ReactionRemoved(DM, 4, "m1", 2, "bob", "\uD83D\uDC4D", ALICE_BOB, NOW));
            given(started(), lunch()).when(react("bob", "\uD83D\uDC4D", false)).expectAcceptedWithoutEvents();
        }

        @Test
        void aReactionIsOneEmojiOrAShortName() {
            for (String emoji : List.of("\uD83D\uDC4D", "\uD83D\uDC4D\uD83C\uDFFD", "\uD83C\uDDEB\uD83C\uDDF7",
                    "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\u2764\uFE0F", "thumbsup", "+1", "party_parrot")) {
                given(started(), lunch()).when(react("bob", emoji, true)).expectConversationVersion(3);
            }
            for (String emoji : List.of("", " ", "\uD83D\uDC4D\uD83D\uDC4D", "Thumbs Up", "x".repeat(33), "\u200B",
                    "<b>", "\n", ".", "$", "A")) {
                given(started(), lunch()).when(react("bob", emoji, true))
                        .expectRejected(RejectionCode.INVALID, "one emoji or a short name");
            }
        }

        @Test
        void theProbesFortyKilobyteEmojiIsNotOne() {
            // An emoji followed by 20,000 combining marks: one grapheme cluster, 40 KB — 26 of them once stopped a partition.
            given(started(), lunch()).when(react("bob", "\uD83D\uDC4D" + "\u0301".repeat(20_000), true))
                    .expectRejected(RejectionCode.INVALID, "one emoji or a short name");
            given(started(), lunch()).when(react("bob", "\u0301", true))
                    .expectRejected(RejectionCode.INVALID, "one emoji or a short name");
        }

        @Test
        void aMessageHoldsAtMostTwentyDifferentReactionsAndAThousandInAll() {
            List<ChatEvent> twenty = new ArrayList<>(List.of(started(), lunch()));
            for (int i = 0; i < MessageActionDecider.MAX_DISTINCT_REACTIONS; i++) {
                twenty.add(new ReactionAdded(DM, 3 + i, "m1", 2, "bob", "r" + i, ALICE_BOB, NOW));
            }
            given(twenty.toArray(ChatEvent[]::new)).when(react("alice", "r21", true))
                    .expectRejected(RejectionCode.CONFLICT, "at most 20 different reactions");
            given(twenty.toArray(ChatEvent[]::new)).when(react("alice", "r5", true)).expectConversationVersion(23);

            // A thousand reactions, by fifty users (members then, or removed since: their reactions stay).
            List<ChatEvent> full = new ArrayList<>(List.of(started(), lunch()));
            for (int user = 0; user < 50; user++) {
                for (int i = 0; i < MessageActionDecider.MAX_REACTIONS_PER_USER; i++) {
                    full.add(new ReactionAdded(DM, full.size() + 1, "m1", 2, user == 0 ? "bob" : "u" + user, "r" + i,
                            ALICE_BOB, NOW));
                }
            }
            given(full.toArray(ChatEvent[]::new)).when(react("alice", "r0", true))
                    .expectRejected(RejectionCode.CONFLICT, "the most reactions it can hold (1000)");
            // Taking one back is always possible.
            given(full.toArray(ChatEvent[]::new)).when(react("bob", "r0", false)).expectConversationVersion(full.size() + 1);
        }

        @Test
        void aDeletedMessageTakesNoReactionsAndAUserHasAtMostTwentyPerMessage() {
            given(started(), lunch(), deleted(3, "alice")).when(react("bob", "ok", true))
                    .expectRejected(RejectionCode.CONFLICT, "deleted");
            List<ChatEvent> history = new ArrayList<>(List.of(started(), lunch()));
            for (int i = 0; i < MessageActionDecider.MAX_REACTIONS_PER_USER; i++) {
                history.add(new ReactionAdded(DM, 3 + i, "m1", 2, "bob", "r" + i, ALICE_BOB, NOW));
            }
            given(history.toArray(ChatEvent[]::new)).when(react("bob", "one-more", true))
                    .expectRejected(RejectionCode.CONFLICT, "at most 20 reactions");
            given(history.toArray(ChatEvent[]::new)).when(react("alice", "r7", true))
                    .expectConversationVersion(23);
        }
    }

    @Nested
    class Replying {

        @Test
        void aReplyQuotesTheMessageAsItReadsNow() {
            MessageEdited edited = new MessageEdited(DM, 3, "m1", 2, "alice", "Lunch at one?", ALICE_BOB, NOW);
            DecisionScenario scenario = given(started(), lunch(), edited).when(reply("m1"));
            scenario.expectConversationVersion(4);
            assertThat(((MessageSent) scenario.decision().events().get(0)).replyTo())
                    .isEqualTo(new ReplyPreview("m1", "alice", "Lunch at one?"));
        }

        @Test
        void aReplyToAnUnknownOrDeletedMessageIsRefused() {
            given(started(), lunch()).when(reply("m404")).expectRejected(RejectionCode.UNKNOWN_MESSAGE, "no such message");
            given(started(), lunch(), deleted(3, "alice")).when(reply("m1"))
                    .expectRejected(RejectionCode.CONFLICT, "deleted");
            given(started(), lunch()).when(reply(" ")).expectRejected(RejectionCode.INVALID, "replyTo");
        }
    }

    // --- fixtures ---

    private DecisionScenario given(ChatEvent... history) {
        return DecisionScenario.given(deciders(NOW), history);
    }

    static ConversationStarted started() {
        return new ConversationStarted(DM, 1, "direct", ALICE_BOB, "alice", SENT);
    }

    static MessageSent lunch() {
        return new MessageSent("m1", DM, 2, "alice", ALICE_BOB, "c1", "Lunch at noon?", MessageType.TEXT, List.of(),
                SENT);
    }

    static MessageDeleted deleted(long version, String by) {
        return new MessageDeleted(DM, version, "m1", 2, "alice", by, ALICE_BOB, NOW);
    }

    private static ReactToMessage react(String user, String emoji, boolean add) {
        return new ReactToMessage("cmd", DM, user, "m1", emoji, add, NOW);
    }

    private static SendMessage reply(String to) {
        return new SendMessage("cmd", DM, "bob", null, "c-r", "Yes!", "text", List.of(), NOW, to);
    }
}
