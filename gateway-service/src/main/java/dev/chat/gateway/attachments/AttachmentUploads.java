package dev.chat.gateway.attachments;

import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.commands.ActionBudgets;
import dev.chat.gateway.commands.RestRefusals;
import dev.chat.gateway.web.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One upload: the file arrives into a temporary file (never more than the limit: 413), is looked at
 * ({@link FileInspector}: empty 400, a type not accepted 415), kept in the {@link AttachmentStore} with its
 * thumbnail, and recorded in {@link Uploads} as its uploader's, attached to nothing yet.
 */
@Component
class AttachmentUploads {

    /** Room for the multipart framing around the file when a request's declared length is checked up front. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;
    /** Longest file name kept, in characters. */
    static final int MAX_NAME = 255;

    private final Uploads uploads;
    private final AttachmentStore store;
    private final ActionBudgets budgets;
    private final long maxBytes;

    AttachmentUploads(Uploads uploads, AttachmentStore store, ActionBudgets budgets, GatewayProperties properties) {
        this.uploads = uploads;
        this.store = store;
        this.budgets = budgets;
        this.maxBytes = properties.attachments().maxBytes().toBytes();
    }

    Mono<Upload> upload(String userId, long declaredLength, Mono<FilePart> part) {
        if (declaredLength > maxBytes + MULTIPART_OVERHEAD) {
            return Mono.error(tooLarge());
        }
        var overBudget = budgets.spend(ActionBudgets.Budget.UPLOAD, userId, 1);
        if (overBudget.isPresent()) {
            return Mono.error(RestRefusals.exception(overBudget.get()));
        }
        return part.switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.BAD_REQUEST,
                        "a multipart/form-data part named \"file\" is required")))
                // The multipart reader spools at most the limit to disk (spring.webflux.multipart.*): say why.
                .onErrorMap(DataBufferLimitException.class, tooBig -> tooLarge())
                .flatMap(file -> Mono.usingWhen(
                        Mono.fromCallable(() -> Files.createTempFile("upload", ".part"))
                                .subscribeOn(Schedulers.boundedElastic()),
                        temp -> DataBufferUtils.write(file.content(), temp)
                                .onErrorMap(DataBufferLimitException.class, tooBig -> tooLarge())
                                .then(Mono.fromCallable(() -> keep(userId, file.filename(), temp))
                                        .subscribeOn(Schedulers.boundedElastic())),
                        temp -> Mono.fromRunnable(() -> deleteQuietly(temp)).subscribeOn(Schedulers.boundedElastic())))
                .flatMap(upload -> uploads.insert(upload).thenReturn(upload));
    }

    private Upload keep(String userId, String filename, Path temp) throws IOException {
        long size = Files.size(temp);
        if (size > maxBytes) {
            throw tooLarge();
        }
        if (size == 0) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "the file is empty");
        }
        String name = cleanName(filename);
        FileInspector.Inspection inspection;
        try {
            inspection = FileInspector.inspect(temp, name);
        } catch (FileInspector.RefusedType refused) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, refused.getMessage());
        }
        FileInspector.Thumbnail thumbnail = inspection.thumbnail();
        Upload upload = new Upload(AttachmentIds.next(), userId,
                FileInspector.withExtensionOf(name, inspection.contentType()), inspection.contentType(), size,
                inspection.width(), inspection.height(), inspection.sha256(),
                thumbnail == null ? null : thumbnail.contentType(), Instant.now(), null, null, null);
        store.put(upload.key(SignedLinks.Variant.ORIGINAL), temp, upload.contentType());
        if (thumbnail != null) {
            store.put(upload.key(SignedLinks.Variant.THUMBNAIL), thumbnail.bytes(), thumbnail.contentType());
        }
        return upload;
    }

    private ApiException tooLarge() {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "the file is larger than " + (maxBytes / (1024 * 1024))
                + " MB (" + maxBytes + " bytes), the most an attachment may be");
    }

    /** The name without any directory, control characters or quotes, at most {@link #MAX_NAME} characters. */
    static String cleanName(String filename) {
        String name = filename == null ? "" : filename;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.codePoints().filter(c -> !Character.isISOControl(c) && c != '"')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME));
        }
        return name.isEmpty() ? "file" : name;
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
