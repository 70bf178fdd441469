package dev.chat.gateway.attachments;

import dev.chat.contracts.Attachment;
import dev.chat.contracts.CommandAccepted;
import dev.chat.gateway.commands.CommandResult;
import dev.chat.gateway.commands.Refusal;
import dev.chat.gateway.messaging.AttachmentClaims;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Claims uploads for the messages that carry them ({@link AttachmentClaims}): each upload is its uploader's to
 * attach, to one message; the attachment a message carries is what the gateway found in the bytes.
 */
@Component
class UploadClaims implements AttachmentClaims {

    /** As many as message-service lets a message carry. */
    static final int MAX_ATTACHMENTS = 10;
    static final String NOT_YOURS = "is not one of your uploads, or another message carries it";

    private final Uploads uploads;

    UploadClaims(Uploads uploads) {
        this.uploads = uploads;
    }

    @Override
    public Mono<Claimed> claim(String senderId, String conversationId, String clientMessageId,
            List<Attachment> attachments) {
        if (attachments.size() > MAX_ATTACHMENTS) {
            return Mono.just(Claimed.refused(Refusal.invalid("at most " + MAX_ATTACHMENTS + " attachments")));
        }
        Set<String> seen = new HashSet<>();
        for (Attachment attachment : attachments) {
            if (attachment != null && attachment.isUpload()) {
                if (!AttachmentIds.isValid(attachment.id())) {
                    return Mono.just(Claimed.refused(Refusal.invalid("attachment " + attachment.id() + " " + NOT_YOURS)));
                }
                if (!seen.add(attachment.id())) {
                    return Mono.just(Claimed.refused(Refusal.invalid("attachment " + attachment.id() + " is there twice")));
                }
            }
        }
        List<String> claimed = new ArrayList<>();
        return Flux.fromIterable(attachments)
                .concatMap(attachment -> attachment == null || !attachment.isUpload()
                        ? Mono.just(new Resolved(attachment, true))
                        : uploads.claim(attachment.id(), senderId, conversationId, clientMessageId)
                                .doOnNext(upload -> claimed.add(upload.id()))
                                .map(upload -> new Resolved(upload.attachment(), true))
                                .defaultIfEmpty(new Resolved(attachment, false)))
                .collectList()
                .flatMap(resolved -> {
                    Resolved refused = resolved.stream().filter(r -> !r.claimed()).findFirst().orElse(null);
                    if (refused == null) {
                        return Mono.just(Claimed.of(resolved.stream().map(Resolved::attachment).toList()));
                    }
                    // All or none: what this message claimed before the refused one is free again.
                    return uploads.release(claimed, senderId, clientMessageId).thenReturn(Claimed.refused(
                            Refusal.invalid("attachment " + refused.attachment().id() + " " + NOT_YOURS)));
                });
    }

    private record Resolved(Attachment attachment, boolean claimed) {
    }

    @Override
    public Mono<Void> settle(String senderId, String clientMessageId, List<Attachment> attachments,
            CommandResult outcome) {
        List<String> ids = attachments.stream().filter(a -> a != null && a.isUpload()).map(Attachment::id).toList();
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return outcome.fold(
                accepted -> carried(senderId, clientMessageId, ids, accepted.outcome()),
                // The message stored before carries what it carried then: uploads named only by this retry are free.
                duplicate -> carried(senderId, clientMessageId, ids, duplicate.outcome()),
                refused -> uploads.release(ids, senderId, clientMessageId),
                pending -> Mono.empty());
    }

    private Mono<Void> carried(String senderId, String clientMessageId, List<String> ids, CommandAccepted outcome) {
        if (outcome.message() == null) {
            return Mono.empty();
        }
        Set<String> carried = new HashSet<>();
        outcome.message().attachments().stream().filter(Attachment::isUpload).forEach(a -> carried.add(a.id()));
        List<String> theirs = ids.stream().filter(carried::contains).toList();
        List<String> notTheirs = ids.stream().filter(id -> !carried.contains(id)).toList();
        return uploads.carriedBy(theirs, clientMessageId, outcome.message().messageId())
                .then(notTheirs.isEmpty() ? Mono.<Void>empty() : uploads.release(notTheirs, senderId, clientMessageId));
    }
}
