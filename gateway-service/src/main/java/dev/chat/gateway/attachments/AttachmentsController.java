package dev.chat.gateway.attachments;

import dev.chat.gateway.security.CurrentUser;
import dev.chat.gateway.web.ApiException;
import dev.chat.gateway.wire.RestBodies;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/attachments} (multipart, a part named {@code file}), {@code GET /api/attachments/:id[/link]}
 * for whoever may fetch it, and {@code GET /api/attachments/:id/content} for whoever holds a signed link.
 */
@RestController
@RequestMapping("/api/attachments")
class AttachmentsController {

    private final AttachmentUploads uploads;
    private final AttachmentDownloads downloads;
    private final CurrentUser currentUser;

    AttachmentsController(AttachmentUploads uploads, AttachmentDownloads downloads, CurrentUser currentUser) {
        this.uploads = uploads;
        this.downloads = downloads;
        this.currentUser = currentUser;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<RestBodies.Uploaded>> upload(
            @RequestHeader(value = HttpHeaders.CONTENT_LENGTH, required = false) Long contentLength,
            @RequestPart(name = "file", required = false) Mono<FilePart> file) {
        return currentUser.id().flatMap(me -> uploads.upload(me, contentLength == null ? 0 : contentLength, file))
                .map(upload -> ResponseEntity.status(HttpStatus.CREATED).body(new RestBodies.Uploaded(upload.attachment())));
    }

    /** 302 to a short-lived link to the file ({@code ?variant=thumbnail}: its thumbnail). */
    @GetMapping("/{id}")
    Mono<ResponseEntity<Void>> open(@PathVariable String id,
            @RequestParam(defaultValue = "original") String variant) {
        SignedLinks.Variant wanted = SignedLinks.Variant.of(variant);
        if (wanted == null) {
            return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "variant must be original or thumbnail"));
        }
        return currentUser.id().flatMap(me -> downloads.redirect(id, me, wanted))
                .map(uri -> ResponseEntity.status(HttpStatus.FOUND).location(uri).build());
    }

    @GetMapping("/{id}/link")
    Mono<RestBodies.AttachmentLink> link(@PathVariable String id) {
        return currentUser.id().flatMap(me -> downloads.links(id, me));
    }

    /** No token: the signature is the permission (an {@code <img src>} cannot send a token). */
    @GetMapping("/{id}/content")
    Mono<ResponseEntity<Resource>> content(@PathVariable String id,
            @RequestParam(defaultValue = "original") String variant, @RequestParam long expires,
            @RequestParam String signature) {
        return downloads.content(id, variant, expires, signature);
    }
}
