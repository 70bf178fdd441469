package dev.chat.gateway.messaging;

import dev.chat.contracts.Ids;
import java.util.List;

/**
 * Who a direct message goes to, given the receiver or the direct conversation's id — or why it cannot
 * go. Pure: the same rule and the same words for every protocol.
 */
public record Addressee(String recipient, Refusal refusal) {

    public static Addressee of(String me, String receiverId, String conversationId) {
        if (receiverId != null && !receiverId.isBlank()) {
            if (!Ids.isValidUserId(receiverId)) {
                return refused("receiverId must be a valid user id");
            }
            if (receiverId.equals(me)) {
                return refused("cannot send to yourself");
            }
            return new Addressee(receiverId, null);
        }
        List<String> participants = Ids.directParticipants(conversationId);
        if (participants.isEmpty()) {
            return refused("receiverId or a direct conversationId is required");
        }
        if (!participants.contains(me)) {
            return new Addressee(null, new Refusal(Refusal.Code.NOT_A_PARTICIPANT,
                    "you are not a participant of " + conversationId));
        }
        return new Addressee(participants.get(0).equals(me) ? participants.get(1) : participants.get(0), null);
    }

    private static Addressee refused(String reason) {
        return new Addressee(null, Refusal.invalid(reason));
    }

    public boolean found() {
        return refusal == null;
    }
}
