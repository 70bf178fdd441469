package dev.chat.gateway.receipts;

import dev.chat.contracts.ConversationView;
import dev.chat.contracts.MessageSent;
import dev.chat.servicekit.readmodels.HistoryEntry;
import java.util.List;
import java.util.Optional;

/**
 * A message that reached a device of someone other than its sender: written to a live session, or served in a
 * history page or as the last message of a conversation list.
 *
 * @param participants who to tell (the conversation's members as the source knew them)
 */
public record DeliveredMessage(String conversationId, List<String> participants, String senderId, String messageId,
        long version) {

    public static DeliveredMessage of(MessageSent sent) {
        return new DeliveredMessage(sent.conversationId(), sent.participants(), sent.senderId(), sent.messageId(),
                sent.version());
    }

    public static DeliveredMessage of(HistoryEntry entry) {
        return new DeliveredMessage(entry.conversationId(), entry.participants(), entry.senderId(), entry.messageId(),
                entry.version());
    }

    /** The last message of a conversation as {@code viewer} sees it in their list, if there is one. */
    public static Optional<DeliveredMessage> lastOf(ConversationView view, String viewer) {
        ConversationView.LastMessage last = view.lastMessageFor(viewer);
        return last == null ? Optional.empty() : Optional.of(new DeliveredMessage(view.conversationId(),
                view.participants(), last.senderId(), last.messageId(), last.version()));
    }
}
