package dev.chat.message.messaging;

import dev.chat.contracts.CommandRejected;
import dev.chat.contracts.RejectionCode;
import java.util.List;

/** Refusals as decisions: nothing recorded, the reason for the issuer. */
final class Rejections {

    private Rejections() {
    }

    static Decision reject(String commandId, String conversationId, String user, RejectionCode code, String reason) {
        return new Decision(List.of(), new CommandRejected(commandId, conversationId, user, code, reason));
    }

    static Decision notAParticipant(String commandId, String conversationId, String user) {
        return reject(commandId, conversationId, user, RejectionCode.NOT_A_PARTICIPANT,
                "you are not a participant of this conversation");
    }

    static Decision unknownMessage(String commandId, String conversationId, String user) {
        return reject(commandId, conversationId, user, RejectionCode.UNKNOWN_MESSAGE,
                "no such message");
    }
}
