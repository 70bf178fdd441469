package dev.chat.gateway.attachments;

import dev.chat.gateway.conversations.ConversationReads;
import dev.chat.gateway.web.ApiException;
import dev.chat.gateway.wire.RestBodies;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Fetching an upload: whoever may ({@link AttachmentAccess}) gets a short-lived link — the object store's own
 * presigned link, or one the gateway signs and serves ({@link SignedLinks}). What a link serves is marked for the
 * browser: never sniffed ({@code nosniff}), shown inline only if it is an image (anything else downloads), sandboxed.
 */
@Component
class AttachmentDownloads {

    static final String NOT_FOUND = "no such attachment";
    /** Whatever a served file is, it cannot run script or load anything in the gateway's origin. */
    static final String SANDBOX = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

    private final AttachmentAccess access;
    private final Uploads uploads;
    private final ConversationReads reads;
    private final AttachmentStore store;
    private final SignedLinks links;

    AttachmentDownloads(AttachmentAccess access, Uploads uploads, ConversationReads reads, AttachmentStore store,
            SignedLinks links) {
        this.access = access;
        this.uploads = uploads;
        this.reads = reads;
        this.store = store;
        this.links = links;
    }

    /** Links for {@code userId} to the upload and its thumbnail; 404 if there is none they may fetch. */
    Mono<RestBodies.AttachmentLink> links(String id, String userId) {
        return access.readable(id, userId)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, NOT_FOUND)))
                .map(upload -> {
                    SignedLinks.Link original = link(upload, SignedLinks.Variant.ORIGINAL);
                    SignedLinks.Link thumbnail = upload.thumbnailType() == null ? null
                            : link(upload, SignedLinks.Variant.THUMBNAIL);
                    return new RestBodies.AttachmentLink(original.url(), thumbnail == null ? null : thumbnail.url(),
                            original.expiresAt().toString());
                });
    }

    /** Where {@code GET /api/attachments/:id} sends the user: the link to the variant asked for. */
    Mono<URI> redirect(String id, String userId, SignedLinks.Variant variant) {
        return access.readable(id, userId)
                .filter(upload -> upload.contentType(variant) != null)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, NOT_FOUND)))
                .map(upload -> URI.create(link(upload, variant).url()));
    }

    private SignedLinks.Link link(Upload upload, SignedLinks.Variant variant) {
        Optional<URI> direct = store.presignedGet(upload.key(variant), links.ttl(), upload.contentType(variant),
                disposition(upload).toString());
        SignedLinks.Link signed = links.sign(upload.id(), variant);
        return direct.map(uri -> new SignedLinks.Link(uri.toString(), signed.expiresAt())).orElse(signed);
    }

    /** What a signed link serves; 403 if it was changed or has expired, 404 if the file is gone or hidden since. */
    Mono<ResponseEntity<Resource>> content(String id, String variantName, long expires, String signature) {
        SignedLinks.Variant variant = SignedLinks.Variant.of(variantName);
        if (variant == null || !AttachmentIds.isValid(id)) {
            return Mono.error(new ApiException(HttpStatus.NOT_FOUND, NOT_FOUND));
        }
        switch (links.check(id, variant, expires, signature)) {
            case FORGED:
                return Mono.error(new ApiException(HttpStatus.FORBIDDEN, "this link is not valid"));
            case EXPIRED:
                return Mono.error(new ApiException(HttpStatus.FORBIDDEN,
                        "this link has expired; ask for a new one (GET /api/attachments/" + id + "/link)"));
            default:
                break;
        }
        return uploads.find(id)
                .filterWhen(this::stillShown)
                .flatMap(upload -> Mono.fromCallable(() -> store.read(upload.key(variant)))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(Mono::justOrEmpty)
                        .map(resource -> served(upload, variant, resource)))
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, NOT_FOUND)));
    }

    /** A link signed before its message was deleted opens nothing after. */
    private Mono<Boolean> stillShown(Upload upload) {
        if (upload.messageId() == null) {
            return Mono.just(true);
        }
        return reads.find(upload.messageId()).flatMap(reads::entry).map(entry -> !entry.deleted()).defaultIfEmpty(false);
    }

    private ResponseEntity<Resource> served(Upload upload, SignedLinks.Variant variant, Resource resource) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(upload.contentType(variant)))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", SANDBOX)
                .header("Content-Disposition", disposition(upload).toString())
                .cacheControl(CacheControl.maxAge(links.ttl()).cachePrivate())
                .body(resource);
    }

    /** Images show in the page; anything else is a download, under its own name. */
    private static ContentDisposition disposition(Upload upload) {
        return (upload.isImage() ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(upload.name(), StandardCharsets.UTF_8).build();
    }
}
