package dev.chat.message.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.AddMembers;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CreateGroup;
import dev.chat.contracts.GroupCreated;
import dev.chat.contracts.GroupRenamed;
import dev.chat.contracts.MarkConversationRead;
import dev.chat.contracts.MemberRemoved;
import dev.chat.contracts.MembersAdded;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.MessagesRead;
import dev.chat.contracts.RejectionCode;
import dev.chat.contracts.RemoveMember;
import dev.chat.contracts.RenameGroup;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.UrlPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Group membership and group messages, as "given these events, when this command, expect these events". */
class GroupDeciderTest {

    static final String GROUP = "grp.3f2a9c4e-8b1d-4e6f-9a0b-5c7d8e9f0a1b";
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00.123Z");
    private static final List<String> ABC = List.of("alice", "bob", "carol");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Deciders deciders = new Deciders(
            new ConversationDecider(4000, new UrlPolicy(false), clock, () -> "m1"),
            new GroupDecider(4, clock), new MessageActionDecider(Duration.ofMinutes(15), 4000, clock),
            new BlockDecider(clock));

    @Nested
    class Creating {

        @Test
        void theCreatorIsTheFirstMemberAndAdmin() {
            given().when(new CreateGroup("cmd", GROUP, "alice", "  Lunch crew ", List.of("bob", "carol", "bob"), NOW))
                    .expectEvents(created())
                    .expectConversationVersion(1);
        }

        @Test
        void aNameHasOneToAHundredCharacters() {
            given().when(new CreateGroup("cmd", GROUP, "alice", "   ", List.of("bob"), NOW))
                    .expectRejected(RejectionCode.INVALID, "1 to 100 characters");
            given().when(new CreateGroup("cmd", GROUP, "alice", "x".repeat(101), List.of("bob"), NOW))
                    .expectRejected(RejectionCode.INVALID, "1 to 100 characters");
            for (String name : List.of("nul\u0000", "two\nlines", "bell\u0007", "\u001B[31mred", "abc\u202Edcb")) {
                given().when(new CreateGroup("cmd", GROUP, "alice", name, List.of("bob"), NOW))
                        .expectRejected(RejectionCode.INVALID, "control characters");
                given(created()).when(new RenameGroup("cmd", GROUP, "bob", name, NOW))
                        .expectRejected(RejectionCode.INVALID, "control characters");
            }
            given().when(new CreateGroup("cmd", GROUP, "alice", "\uD83C\uDF55".repeat(100), List.of(), NOW))
                    .expectEvents(new GroupCreated(GROUP, 1, "\uD83C\uDF55".repeat(100), List.of("alice"),
                            List.of("alice"), "alice", NOW));
        }

        @Test
        void membersAreValidUserIdsAndAGroupIdIsAGroupId() {
            given().when(new CreateGroup("cmd", GROUP, "alice", "Lunch", List.of("bob", "no.dots"), NOW))
                    .expectRejected(RejectionCode.INVALID, "'no.dots' is not a valid user id");
            given().when(new CreateGroup("cmd", "dm.alice.bob", "alice", "Lunch", List.of("bob"), NOW))
                    .expectRejected(RejectionCode.INVALID, "grp.<uuid>");
        }

        @Test
        void aGroupHasAtMostTheConfiguredNumberOfMembers() {
            given().when(new CreateGroup("cmd", GROUP, "alice", "Big", List.of("b", "c", "d", "e"), NOW))
                    .expectRejected(RejectionCode.CONFLICT, "at most 4 members");
        }

        @Test
        void anExistingIdIsNotCreatedTwice() {
            given(created()).when(new CreateGroup("cmd", GROUP, "dave", "Mine", List.of(), NOW))
                    .expectRejected(RejectionCode.CONFLICT, "already exists");
        }
    }

    @Nested
    class Membership {

        @Test
        void anAdminAddsMembersAndThoseAlreadyInAreSkipped() {
            given(created())
                    .when(new AddMembers("cmd", GROUP, "alice", List.of("dave", "bob"), NOW))
                    .expectEvents(new MembersAdded(GROUP, 2, "alice", List.of("dave"),
                            List.of("alice", "bob", "carol", "dave"), NOW))
                    .expectConversationVersion(2);
            given(created()).when(new AddMembers("cmd", GROUP, "alice", List.of("bob"), NOW))
                    .expectAcceptedWithoutEvents();
        }

        @Test
        void onlyAnAdminAddsOrRemovesOthers() {
            given(created()).when(new AddMembers("cmd", GROUP, "bob", List.of("dave"), NOW))
                    .expectRejected(RejectionCode.NOT_ALLOWED, "only an admin");
            given(created()).when(new RemoveMember("cmd", GROUP, "bob", "carol", NOW))
                    .expectRejected(RejectionCode.NOT_ALLOWED, "only an admin");
        }

        @Test
        void addingBeyondTheMaximumIsAConflict() {
            given(created()).when(new AddMembers("cmd", GROUP, "alice", List.of("dave", "erin"), NOW))
                    .expectRejected(RejectionCode.CONFLICT, "at most 4 members");
        }

        @Test
        void strangersLearnNothingOfAGroupNorOfWhetherItExists() {
            given(created()).when(new AddMembers("cmd", GROUP, "mallory", List.of("mallory"), NOW))
                    .expectRejected(RejectionCode.NOT_A_PARTICIPANT, "not a participant");
            given().when(new AddMembers("cmd", GROUP, "mallory", List.of("mallory"), NOW))
                    .expectRejected(RejectionCode.NOT_A_PARTICIPANT, "not a participant");
            given(created()).when(send("mallory", "hi"))
                    .expectRejected(RejectionCode.NOT_A_PARTICIPANT, "not a participant");
            given().when(send("mallory", "hi"))
                    .expectRejected(RejectionCode.NOT_A_PARTICIPANT, "not a participant");
        }

        @Test
        void anAdminRemovesAMemberAndAMemberLeaves() {
            given(created()).when(new RemoveMember("cmd", GROUP, "alice", "bob", NOW))
                    .expectEvents(new MemberRemoved(GROUP, 2, "alice", "bob", List.of("alice", "carol"),
                            List.of("alice"), NOW));
            given(created()).when(new RemoveMember("cmd", GROUP, "carol", "carol", NOW))
                    .expectEvents(new MemberRemoved(GROUP, 2, "carol", "carol", List.of("alice", "bob"),
                            List.of("alice"), NOW));
        }

        @Test
        void whenTheLastAdminLeavesTheLongestStandingMemberBecomesOne() {
            given(created()).when(new RemoveMember("cmd", GROUP, "alice", "alice", NOW))
                    .expectEvents(new MemberRemoved(GROUP, 2, "alice", "alice", List.of("bob", "carol"),
                            List.of("bob"), NOW));
        }

        @Test
        void aRemovedMemberCanNoLongerSendReadOrSeeMembers() {
            ChatEvent[] history = {created(), message("m0", 2, "alice", "before"),
                    new MemberRemoved(GROUP, 3, "alice", "bob", List.of("alice", "carol"), List.of("alice"), NOW)};
            given(history).when(send("bob", "still here?"))
                    .expectRejected(RejectionCode.NOT_A_PARTICIPANT, "not a participant");
            given(history).when(new MarkConversationRead("cmd", GROUP, "bob", null, NOW))
                    .expectRejected(RejectionCode.NOT_A_PARTICIPANT, "not a participant");
            given(history).when(new AddMembers("cmd", GROUP, "bob", List.of("bob"), NOW))
                    .expectRejected(RejectionCode.NOT_A_PARTICIPANT, "not a participant");
        }

        @Test
        void removingSomeoneWhoIsNotAMemberOrNoUserAtAllIsSaidPlainly() {
            // Accepted as a change of nothing, the asker on a socket would never have heard of it.
            given(created()).when(new RemoveMember("cmd", GROUP, "alice", "dave", NOW))
                    .expectRejected(RejectionCode.CONFLICT, "'dave' is not a member of this group");
            for (String userId : java.util.Arrays.asList(null, "", "a.b")) {
                given(created()).when(new RemoveMember("cmd", GROUP, "alice", userId, NOW))
                        .expectRejected(RejectionCode.INVALID, "userId");
            }
        }

        @Test
        void aRemovedMembersReadPositionAndLastMessageLeaveTheStateWithThem() {
            // However many come and go, the state keeps one entry per current member (it must fit in a Kafka record).
            ConversationState state = ConversationState.of(GROUP, List.of(created(), message("m0", 2, "bob", "hi"),
                    new MessagesRead(GROUP, 3, "bob", 2, List.of("alice", "bob", "carol"), NOW),
                    new MemberRemoved(GROUP, 4, "alice", "bob", List.of("alice", "carol"), List.of("alice"), NOW)));
            assertThat(state.readUpTo()).doesNotContainKey("bob");
            assertThat(state.lastMessageBy()).doesNotContainKey("bob");
            // bob's message still counts for those who read after he left.
            assertThat(state.latestMessageNotBy("carol")).isEqualTo(2);
        }

        @Test
        void aDirectConversationHasNoMembersToChange() {
            given(new dev.chat.contracts.ConversationStarted("dm.alice.bob", 1, "direct", List.of("alice", "bob"),
                    "alice", NOW))
                    .when(new AddMembers("cmd", "dm.alice.bob", "alice", List.of("carol"), NOW))
                    .expectRejected(RejectionCode.INVALID, "direct conversation");
        }
    }

    @Nested
    class Renaming {

        @Test
        void anyMemberRenamesTheGroup() {
            given(created()).when(new RenameGroup("cmd", GROUP, "bob", " Friday lunch ", NOW))
                    .expectEvents(new GroupRenamed(GROUP, 2, "bob", "Friday lunch", ABC, NOW));
            given(created()).when(new RenameGroup("cmd", GROUP, "bob", "Lunch crew", NOW)).expectAcceptedWithoutEvents();
            given(created()).when(new RenameGroup("cmd", GROUP, "bob", "", NOW))
                    .expectRejected(RejectionCode.INVALID, "1 to 100 characters");
        }
    }

    @Nested
    class Messaging {

        @Test
        void everyMemberIsAParticipantOfEachMessage() {
            given(created()).when(send("carol", "hello all"))
                    .expectEvents(message("m1", 2, "carol", "hello all"));
        }

        @Test
        void readsCountPerMember() {
            given(created(), message("m0", 2, "alice", "hi"))
                    .when(new MarkConversationRead("cmd", GROUP, "carol", null, NOW))
                    .expectEvents(new MessagesRead(GROUP, 3, "carol", 2, ABC, NOW))
                    .expectAcceptedReadUpTo(2);
        }

        @Test
        void aMemberAddedLaterCannotReplyToWhatCameBeforeTheyJoined() {
            given(created(), message("m0", 2, "alice", "before dave"),
                    new MembersAdded(GROUP, 3, "alice", List.of("dave"), List.of("alice", "bob", "carol", "dave"), NOW))
                    .when(new SendMessage("cmd", GROUP, "dave", null, "c-d", "what?", "text", List.of(), NOW, "m0"))
                    .expectRejected(RejectionCode.UNKNOWN_MESSAGE, "no such message");
        }
    }

    // --- fixtures ---

    private DecisionScenario given(ChatEvent... history) {
        return DecisionScenario.given(deciders, history);
    }

    static GroupCreated created() {
        return new GroupCreated(GROUP, 1, "Lunch crew", ABC, List.of("alice"), "alice", NOW);
    }

    private static MessageSent message(String id, long version, String sender, String content) {
        return new MessageSent(id, GROUP, version, sender, ABC, "c-" + sender, content, MessageType.TEXT, List.of(), NOW);
    }

    private static SendMessage send(String sender, String content) {
        return new SendMessage("cmd", GROUP, sender, null, "c-" + sender, content, "text", List.of(), NOW);
    }
}
