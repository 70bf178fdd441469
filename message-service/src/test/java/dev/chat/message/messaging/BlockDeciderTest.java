package dev.chat.message.messaging;

import static dev.chat.message.messaging.MessageActionDeciderTest.DM;
import static dev.chat.message.messaging.MessageActionDeciderTest.NOW;
import static dev.chat.message.messaging.MessageActionDeciderTest.SENT;
import static dev.chat.message.messaging.MessageActionDeciderTest.lunch;
import static dev.chat.message.messaging.MessageActionDeciderTest.started;

import dev.chat.contracts.BlockChanged;
import dev.chat.contracts.BlockUser;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.EditMessage;
import dev.chat.contracts.GroupCreated;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.ReactToMessage;
import dev.chat.contracts.RejectionCode;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.UnblockUser;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Blocks, as "given these events (and these earlier blocks), when this command, expect these block changes": held
 * by the pair's direct conversation, never an event of it, and what they keep the two from writing there.
 */
class BlockDeciderTest {

    private static final BlockChanged ALICE_BLOCKS_BOB = new BlockChanged(DM, "alice", "bob", true, SENT);

    @Test
    void aUserBlocksSomeoneOnceWhetherTheyEverWroteOrNotAndLiftsItOnce() {
        given(started(), lunch()).when(block("alice", "bob"))
                .expectBlocks(new BlockChanged(DM, "alice", "bob", true, NOW)).expectConversationVersion(2);
        // Before any conversation: the block waits in the pair's state.
        given().when(block("bob", "alice")).expectBlocks(new BlockChanged(DM, "bob", "alice", true, NOW))
                .expectConversationVersion(0);
        given(started()).andBlocked(ALICE_BLOCKS_BOB).when(block("alice", "bob"))
                .expectDuplicate().expectAcceptedWithoutEvents();

        given(started()).andBlocked(ALICE_BLOCKS_BOB).when(unblock("alice", "bob"))
                .expectBlocks(new BlockChanged(DM, "alice", "bob", false, NOW));
        given(started()).when(unblock("alice", "bob")).expectDuplicate().expectAcceptedWithoutEvents();
        // bob's block is his own: alice lifting hers does not lift it.
        given(started()).andBlocked(new BlockChanged(DM, "bob", "alice", true, SENT)).when(unblock("alice", "bob"))
                .expectDuplicate().expectAcceptedWithoutEvents();
    }

    @Test
    void theBlockedUserCannotStartOrWriteAndIsNotToldWhy() {
        given().andBlocked(ALICE_BLOCKS_BOB).when(send("bob", "alice", "c9"))
                .expectRejected(RejectionCode.NOT_ALLOWED, BlockDecider.NOT_OPEN);
        given(started(), lunch()).andBlocked(ALICE_BLOCKS_BOB).when(send("bob", "alice", "c9"))
                .expectRejected(RejectionCode.NOT_ALLOWED, BlockDecider.NOT_OPEN);
        given(started(), lunch()).andBlocked(ALICE_BLOCKS_BOB)
                .when(new ReactToMessage("cmd", DM, "bob", "m1", "\uD83D\uDC4D", true, NOW))
                .expectRejected(RejectionCode.NOT_ALLOWED, BlockDecider.NOT_OPEN);
        given(started(), bobsMessage()).andBlocked(ALICE_BLOCKS_BOB)
                .when(new EditMessage("cmd", DM, "bob", "m2", "changed", NOW))
                .expectRejected(RejectionCode.NOT_ALLOWED, BlockDecider.NOT_OPEN);
    }

    @Test
    void theBlockerLiftsTheBlockBeforeWritingAndAfterItBothWriteAgain() {
        given(started(), lunch()).andBlocked(ALICE_BLOCKS_BOB).when(send("alice", "bob", "c9"))
                .expectRejected(RejectionCode.CONFLICT, "unblock them");
        given(started(), lunch()).andBlocked(ALICE_BLOCKS_BOB, new BlockChanged(DM, "alice", "bob", false, NOW))
                .when(send("bob", "alice", "c9")).expectConversationVersion(3);
    }

    @Test
    void aRetryOfAMessageSentBeforeTheBlockGetsItsOriginalAnswer() {
        given(started(), bobsMessage()).andBlocked(ALICE_BLOCKS_BOB).when(send("bob", "alice", "c2"))
                .expectDuplicate().expectAcceptedWithoutEvents();
    }

    @Test
    void aBlockIsBetweenTwoPeopleInTheirOwnConversationOnly() {
        given().when(block("alice", "alice")).expectRejected(RejectionCode.INVALID, "cannot block yourself");
        given().when(new BlockUser("cmd", "dm.alice.carol", "alice", "bob", NOW))
                .expectRejected(RejectionCode.INVALID, "direct conversation of the two");
        given().when(new BlockUser("cmd", DM, "alice", "bob.x", NOW)).expectRejected(RejectionCode.INVALID, "not valid");
        String group = "grp.00000000-0000-4000-8000-000000000001";
        given(new GroupCreated(group, 1, "Lunch", List.of("alice", "bob"), List.of("alice"), "alice", SENT))
                .when(new BlockUser("cmd", group, "alice", "bob", NOW))
                .expectRejected(RejectionCode.INVALID, "direct conversation of the two");
    }

    private static MessageSent bobsMessage() {
        return new MessageSent("m2", DM, 2, "bob", List.of("alice", "bob"), "c2", "Hi", MessageType.TEXT, List.of(),
                SENT);
    }

    private static BlockUser block(String blocker, String blocked) {
        return new BlockUser("cmd", DM, blocker, blocked, NOW);
    }

    private static UnblockUser unblock(String blocker, String blocked) {
        return new UnblockUser("cmd", DM, blocker, blocked, NOW);
    }

    private static SendMessage send(String from, String to, String clientMessageId) {
        return new SendMessage("cmd", DM, from, to, clientMessageId, "Hello?", "text", List.of(), NOW);
    }

    private static DecisionScenario given(ChatEvent... history) {
        return DecisionScenario.given(MessageActionDeciderTest.deciders(NOW), history);
    }
}
