package dev.chat.gateway.attachments;

import dev.chat.gateway.conversations.ConversationReads;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may fetch an upload: its uploader, and the members of the conversation whose message carries it who can see
 * that message (a member who joined a group after it was sent cannot). Once the message is deleted, no one. Anyone
 * else finds nothing, whether the upload exists or not.
 */
@Component
class AttachmentAccess {

    private final Uploads uploads;
    private final ConversationReads reads;

    AttachmentAccess(Uploads uploads, ConversationReads reads) {
        this.uploads = uploads;
        this.reads = reads;
    }

    /** The upload, if {@code userId} may fetch it; empty otherwise. */
    Mono<Upload> readable(String id, String userId) {
        if (!AttachmentIds.isValid(id)) {
            return Mono.empty();
        }
        return uploads.find(id).filterWhen(upload -> {
            if (upload.messageId() == null) {
                // Not (yet) carried by a stored message: the uploader's alone.
                return Mono.just(upload.uploaderId().equals(userId));
            }
            return carryingMessageVisible(upload, userId);
        });
    }

    private Mono<Boolean> carryingMessageVisible(Upload upload, String userId) {
        return reads.find(upload.messageId())
                .filter(location -> location.conversationId().equals(upload.conversationId()))
                .flatMap(location -> reads.view(location.conversationId())
                        .filter(view -> upload.uploaderId().equals(userId) || view.participants().contains(userId)
                                && location.version() >= view.visibleFrom(userId))
                        .flatMap(view -> reads.entry(location))
                        .map(entry -> !entry.deleted()))
                .defaultIfEmpty(false);
    }
}
