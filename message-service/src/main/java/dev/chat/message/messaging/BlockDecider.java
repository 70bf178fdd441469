package dev.chat.message.messaging;

import dev.chat.contracts.BlockChanged;
import dev.chat.contracts.BlockUser;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.Ids;
import dev.chat.contracts.RejectionCode;
import dev.chat.contracts.UnblockUser;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Blocks between the two people of a direct conversation, as plain code on plain data. A block is held by the
 * pair's conversation (existing or not: blocking someone you never wrote to keeps them from starting), changes no
 * version, and goes to {@code chat.blocks.v1} — never to the conversation's log, which the blocked user reads.
 * Blocking twice, or lifting a block there is not, is accepted and changes nothing. While a block stands, neither
 * of the two writes in the conversation ({@link #refusesWriting}): the blocked user hears a reason that does not
 * tell them they are blocked; the blocker, that they have to lift it. Groups are not affected.
 */
final class BlockDecider {

    /** What the blocked user hears when they write: nothing that tells them of the block. */
    static final String NOT_OPEN = "this conversation does not take new messages";

    private final Clock clock;

    BlockDecider(Clock clock) {
        this.clock = clock;
    }

    Decision decide(ConversationState state, BlockUser command) {
        Optional<Decision> invalid = invalid(state, command.commandId(), command.blockerId(), command.blockedId());
        if (invalid.isPresent()) {
            return invalid.get();
        }
        return state.blocks(command.blockerId())
                ? unchanged(state, command.commandId(), command.blockerId())
                : changed(state, command.commandId(), command.blockerId(), command.blockedId(), true);
    }

    Decision decide(ConversationState state, UnblockUser command) {
        Optional<Decision> invalid = invalid(state, command.commandId(), command.blockerId(), command.blockedId());
        if (invalid.isPresent()) {
            return invalid.get();
        }
        return state.blocks(command.blockerId())
                ? changed(state, command.commandId(), command.blockerId(), command.blockedId(), false)
                : unchanged(state, command.commandId(), command.blockerId());
    }

    /**
     * Whether {@code writer} may not write in this conversation (send, edit, react) because of a block, and the
     * refusal if so. Nothing in a group.
     */
    static Optional<Decision> refusesWriting(ConversationState state, String commandId, String writer) {
        if (state.blocks(writer)) {
            return Optional.of(Rejections.reject(commandId, state.conversationId(), writer, RejectionCode.CONFLICT,
                    "you blocked this person: unblock them to write to them"));
        }
        if (state.isBlockedByOther(writer)) {
            return Optional.of(Rejections.reject(commandId, state.conversationId(), writer, RejectionCode.NOT_ALLOWED,
                    NOT_OPEN));
        }
        return Optional.empty();
    }

    private static Optional<Decision> invalid(ConversationState state, String commandId, String blocker,
            String blocked) {
        if (!Ids.isValidUserId(blocker) || !Ids.isValidUserId(blocked)) {
            return Optional.of(refuse(state, commandId, blocker, "user ids are not valid"));
        }
        if (blocker.equals(blocked)) {
            return Optional.of(refuse(state, commandId, blocker, "you cannot block yourself"));
        }
        if (!Ids.directConversationId(blocker, blocked).equals(state.conversationId())) {
            return Optional.of(refuse(state, commandId, blocker, "a block belongs to the direct conversation of the two"));
        }
        return Optional.empty();
    }

    private Decision changed(ConversationState state, String commandId, String blocker, String blocked,
            boolean blocking) {
        BlockChanged change = new BlockChanged(state.conversationId(), blocker, blocked, blocking,
                DecisionTime.now(clock));
        return new Decision(List.of(), accepted(state, commandId, blocker, false), List.of(), List.of(change));
    }

    private static Decision unchanged(ConversationState state, String commandId, String blocker) {
        return new Decision(List.of(), accepted(state, commandId, blocker, true));
    }

    private static CommandAccepted accepted(ConversationState state, String commandId, String blocker,
            boolean duplicate) {
        return new CommandAccepted(commandId, state.conversationId(), blocker, null, duplicate, null, state.version());
    }

    private static Decision refuse(ConversationState state, String commandId, String user, String reason) {
        return Rejections.reject(commandId, state.conversationId(), user, RejectionCode.INVALID, reason);
    }
}
