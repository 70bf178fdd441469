package dev.chat.contracts;

import java.time.Instant;

/**
 * {@code blockerId} blocks {@code blockedId}: the blocked user can no longer start or write in their direct
 * conversation, and sees nothing of the blocker's presence or typing. Keyed by that conversation's id
 * ({@link Ids#directConversationId}), whether it exists yet or not: its decider holds the pair's blocks, so a send
 * and a block of the same pair are decided in order. Groups are not affected.
 */
public record BlockUser(
        String commandId,
        String conversationId,
        String blockerId,
        String blockedId,
        Instant issuedAt) implements ChatCommand {

    @Override
    public String issuedBy() {
        return blockerId;
    }
}
