package dev.chat.contracts;

import java.time.Instant;

/** {@code blockerId} lifts their block of {@code blockedId} ({@link BlockUser}); keyed the same way. */
public record UnblockUser(
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
