package dev.chat.gateway.messaging;

import dev.chat.contracts.Attachment;
import dev.chat.gateway.commands.CommandResult;
import dev.chat.gateway.commands.Refusal;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The uploads a message carries. A send that names uploads by id claims them before its command is published —
 * only the sender's own, and each for one message — and gets them back as the gateway knows them (type, size,
 * dimensions from the bytes, never the client's word); its outcome settles the claims. Implemented where the
 * uploads are kept (the attachments feature), so messaging depends on no storage.
 */
public interface AttachmentClaims {

    /** What a claim came to: the message's attachments with every upload resolved, or why not. */
    record Claimed(List<Attachment> attachments, Refusal refusal) {

        public static Claimed of(List<Attachment> attachments) {
            return new Claimed(List.copyOf(attachments), null);
        }

        public static Claimed refused(Refusal refusal) {
            return new Claimed(List.of(), refusal);
        }
    }

    /** Claims the uploads among {@code attachments} for the sender's message {@code clientMessageId}. */
    Mono<Claimed> claim(String senderId, String conversationId, String clientMessageId, List<Attachment> attachments);

    /**
     * Stored (or stored before): the uploads are the message's. Refused: they are free again. Not decided in time:
     * they stay claimed, and the retry with the same clientMessageId claims and settles them again.
     */
    Mono<Void> settle(String senderId, String clientMessageId, List<Attachment> attachments, CommandResult outcome);
}
