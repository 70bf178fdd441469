package dev.chat.message.messaging;

import dev.chat.contracts.RejectionCode;

/** Why a command cannot be carried out, and the code to refuse it with. */
record Problem(RejectionCode code, String reason) {

    static Problem invalid(String reason) {
        return new Problem(RejectionCode.INVALID, reason);
    }

    Decision refuse(String commandId, String conversationId, String user) {
        return Rejections.reject(commandId, conversationId, user, code, reason);
    }
}
