package dev.chat.gateway.messaging;

import dev.chat.contracts.Ids;
import dev.chat.gateway.commands.Refusal;
import java.util.List;

/**
 * Where a message goes, given the receiver, a direct conversation's id or a group's id — or why it cannot
 * go. Pure: the same rule and the same words for every protocol. Whether the sender is a member of a group
 * is message-service's to decide.
 *
 * @param recipient the other participant of a direct conversation; null for a group
 */
public record Addressee(String conversationId, String recipient, Refusal refusal) {

    public static Addressee of(String me, String receiverId, String conversationId) {
        if (receiverId != null && !receiverId.isBlank()) {
            if (!Ids.isValidUserId(receiverId)) {
                return refused("receiverId must be a valid user id");
            }
            if (receiverId.equals(me)) {
                return refused("cannot send to yourself");
            }
            return new Addressee(Ids.directConversationId(me, receiverId), receiverId, null);
        }
        if (Ids.isGroupId(conversationId)) {
            return new Addressee(conversationId, null, null);
        }
        List<String> participants = Ids.directParticipants(conversationId);
        if (participants.isEmpty()) {
            return refused("receiverId or a conversationId is required");
        }
        if (!participants.contains(me)) {
            return new Addressee(null, null, new Refusal(Refusal.Code.NOT_A_PARTICIPANT,
                    "you are not a participant of " + conversationId));
        }
        String other = participants.get(0).equals(me) ? participants.get(1) : participants.get(0);
        return new Addressee(conversationId, other, null);
    }

    private static Addressee refused(String reason) {
        return new Addressee(null, null, Refusal.invalid(reason));
    }

    public boolean found() {
        return refusal == null;
    }

    public boolean isGroup() {
        return found() && recipient == null;
    }
}
