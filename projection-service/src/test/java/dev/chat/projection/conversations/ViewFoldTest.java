package dev.chat.projection.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.ConversationView;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.MessagesRead;
import dev.chat.contracts.GroupCreated;
import dev.chat.contracts.GroupRenamed;
import dev.chat.contracts.MemberRemoved;
import dev.chat.contracts.MembersAdded;
import dev.chat.contracts.MessageDeleted;
import dev.chat.contracts.MessageEdited;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How events change a view, without Kafka or Mongo. */
class ViewFoldTest {

    private static final String DM = "dm.alice.bob";
    private static final List<String> ALICE_BOB = List.of("alice", "bob");
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private final ConversationView started = ViewFold.started(new ConversationStarted(DM, 1, "direct", ALICE_BOB, "alice", T0));

    @Test
    void aNewConversationHasNothingUnreadAndNoLastMessage() {
        assertThat(started.version()).isEqualTo(1);
        assertThat(started.lastMessage()).isNull();
        assertThat(started.lastMessageAt()).isEqualTo(T0);
        assertThat(started.unreadOf("alice")).isZero();
        assertThat(started.unreadOf("bob")).isZero();
    }

    @Test
    void aMessageIsUnreadForEveryoneButItsSenderAndBecomesThePreview() {
        ConversationView view = ViewFold.sent(ViewFold.sent(started, sent(2, "alice", "hi")), sent(3, "alice", "lunch?"));

        assertThat(view.version()).isEqualTo(3);
        assertThat(view.unreadOf("bob")).isEqualTo(2);
        assertThat(view.unreadOf("alice")).isZero();
        assertThat(view.lastMessage().content()).isEqualTo("lunch?");
        assertThat(view.lastMessageAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void aPartialReadCoversTheVersionsAfterTheReadPositionAndSubtractsOnlyOthersMessages() {
        ConversationView view = ViewFold.sent(ViewFold.sent(ViewFold.sent(started, sent(2, "alice", "a")),
                sent(3, "bob", "b")), sent(4, "alice", "c"));
        MessagesRead read = new MessagesRead(DM, 5, "bob", 3, ALICE_BOB, T0.plusSeconds(5));

        assertThat(ViewFold.newlyRead(view, read)).containsExactly(1, 2, 3);
        ConversationView after = ViewFold.read(view, read, 1);

        assertThat(after.unreadOf("bob")).isEqualTo(1);
        assertThat(after.readUpToOf("bob")).isEqualTo(3);
        assertThat(after.version()).isEqualTo(5);
    }

    @Test
    void aReadBelowThePositionCoversNothingAndNeverMovesItBack() {
        ConversationView view = ViewFold.read(ViewFold.sent(started, sent(2, "alice", "a")),
                new MessagesRead(DM, 3, "bob", 2, ALICE_BOB, T0), 1);
        MessagesRead older = new MessagesRead(DM, 4, "bob", 1, ALICE_BOB, T0);

        assertThat(ViewFold.newlyRead(view, older)).isEmpty();
        assertThat(ViewFold.read(view, older, 0).readUpToOf("bob")).isEqualTo(2);
    }

    @Test
    void aConversationWhoseStartWasLostIsViewedFromItsFirstEvent() {
        ConversationView view = ViewFold.sent(ViewFold.implicit(sent(2, "alice", "hi")), sent(2, "alice", "hi"));

        assertThat(view.participants()).containsExactlyElementsOf(ALICE_BOB);
        assertThat(view.kind()).isEqualTo("direct");
        assertThat(view.unreadOf("bob")).isEqualTo(1);
    }

    private static MessageSent sent(long version, String sender, String content) {
        return new MessageSent("m" + version, DM, version, sender, ALICE_BOB, "c" + version, content, MessageType.TEXT,
                List.of(), T0.plusSeconds(version));
    }

    @Test
    void whoCreatedAConversationOrWroteInItSharesTheirPresenceThereAndNobodyElse() {
        String group = "grp.3f2a9c4e-8b1d-4e6f-9a0b-5c7d8e9f0a1b";
        List<String> abc = List.of("alice", "bob", "carol");
        ConversationView view = ViewFold.created(new GroupCreated(group, 1, "Lunch", abc, List.of("alice"), "alice", T0));
        // Put into the group, bob and carol have not chosen to be seen by alice (nor by each other).
        assertThat(view.speakers()).containsExactly("alice");
        view = ViewFold.sent(view, new MessageSent("m2", group, 2, "bob", abc, "c2", "hi", MessageType.TEXT, List.of(),
                T0.plusSeconds(2)));
        view = ViewFold.sent(view, new MessageSent("m3", group, 3, "bob", abc, "c3", "again", MessageType.TEXT,
                List.of(), T0.plusSeconds(3)));
        assertThat(view.speakers()).containsExactly("alice", "bob");
        view = ViewFold.removed(view, new MemberRemoved(group, 4, "alice", "bob", List.of("alice", "carol"),
                List.of("alice"), T0.plusSeconds(4)));
        assertThat(view.speakers()).containsExactly("alice");
        // In a direct conversation: the one who wrote; the other once they answer.
        ConversationView direct = ViewFold.sent(started, sent(2, "alice", "hi"));
        assertThat(direct.spokeIn("alice")).isTrue();
        assertThat(direct.spokeIn("bob")).isFalse();
    }

    @Test
    void aGroupRemembersTheMostRecentThousandFormerMembers() {
        String group = "grp.3f2a9c4e-8b1d-4e6f-9a0b-5c7d8e9f0a1b";
        ConversationView view = ViewFold.created(new GroupCreated(group, 1, "Churn", List.of("alice"), List.of("alice"),
                "alice", T0));
        long version = 1;
        for (int i = 0; i < ConversationView.MAX_FORMER_MEMBERS + 5; i++) {
            String member = "u" + i;
            view = ViewFold.added(view, new MembersAdded(group, ++version, "alice", List.of(member),
                    List.of("alice", member), T0));
            view = ViewFold.removed(view, new MemberRemoved(group, ++version, "alice", member, List.of("alice"),
                    List.of("alice"), T0));
        }
        // However many come and go, the view (a Kafka record, a Mongo document) stays bounded.
        assertThat(view.leftAt()).hasSize(ConversationView.MAX_FORMER_MEMBERS).doesNotContainKey("u0")
                .containsKey("u1004");
        assertThat(view.visibleUntil("u1004")).isPositive();
    }

    @Test
    void aGroupsMembersSeeItFromWhenTheyJoinedAndLeaversLoseTheirCounts() {
        String group = "grp.3f2a9c4e-8b1d-4e6f-9a0b-5c7d8e9f0a1b";
        List<String> abc = List.of("alice", "bob", "carol");
        ConversationView view = ViewFold.created(new GroupCreated(group, 1, "Lunch", abc, List.of("alice"), "alice", T0));
        view = ViewFold.sent(view, new MessageSent("m2", group, 2, "alice", abc, "c2", "hi all", MessageType.TEXT,
                List.of(), T0.plusSeconds(2)));
        List<String> abcd = List.of("alice", "bob", "carol", "dave");
        view = ViewFold.added(view, new MembersAdded(group, 3, "alice", List.of("dave"), abcd, T0.plusSeconds(3)));
        view = ViewFold.removed(view, new MemberRemoved(group, 4, "carol", "carol", List.of("alice", "bob", "dave"),
                List.of("alice"), T0.plusSeconds(4)));
        view = ViewFold.renamed(view, new GroupRenamed(group, 5, "bob", "Friday lunch", List.of("alice", "bob", "dave"),
                T0.plusSeconds(5)));

        assertThat(view.name()).isEqualTo("Friday lunch");
        assertThat(view.unread()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("alice", 0L, "bob", 1L, "dave", 0L));
        assertThat(view.visibleFrom("dave")).isEqualTo(3);
        assertThat(view.visibleUntil("dave")).isEqualTo(Long.MAX_VALUE);
        assertThat(view.visibleFrom("carol")).isEqualTo(1);
        assertThat(view.visibleUntil("carol")).isEqualTo(4);
        assertThat(view.visibleUntil("mallory")).isZero();
        assertThat(view.version()).isEqualTo(5);
    }

    @Test
    void anEditOfTheLastMessageChangesThePreviewAndAnUnreadDeletedMessageNoLongerCounts() {
        ConversationView view = ViewFold.sent(ViewFold.sent(started, sent(2, "alice", "a")), sent(3, "alice", "b"));
        view = ViewFold.edited(view, new MessageEdited(DM, 4, "m3", 3, "alice", "b!", ALICE_BOB, T0.plusSeconds(4)));
        assertThat(view.lastMessage().content()).isEqualTo("b!");
        assertThat(view.lastMessage().editedAt()).isEqualTo(T0.plusSeconds(4));

        ConversationView.LastMessage previous = new ConversationView.LastMessage("m2", "alice", "a", MessageType.TEXT, 2,
                T0.plusSeconds(2));
        view = ViewFold.deleted(view, new MessageDeleted(DM, 5, "m3", 3, "alice", "alice", ALICE_BOB, T0.plusSeconds(5)),
                java.util.Optional.of(previous));

        assertThat(view.lastMessage()).isEqualTo(previous);
        assertThat(view.lastMessageAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(view.unreadOf("bob")).isEqualTo(1);
        assertThat(view.version()).isEqualTo(5);
    }
}
