package dev.chat.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A file or image attached to a message; the bytes live elsewhere. Either a link given by the client ({@code url},
 * its {@code type}, a {@code name}: the original app's shape), or a file uploaded to this platform
 * ({@code POST /api/attachments}): then {@code id} names the upload and the gateway filled in what it found in the
 * bytes — {@code type} (the content type, also written as {@code contentType}), {@code size}, an image's
 * {@code width} and {@code height}, and {@code thumbnailUrl} when it made a thumbnail. An uploaded file's
 * {@code url} is {@link #uploadedUrl}: a member fetches it with their token, which answers with a short-lived
 * signed link.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attachment(String url, String type, String name, String id, Long size, Integer width, Integer height,
        String thumbnailUrl) {

    /** Where an uploaded file is fetched. */
    public static String uploadedUrl(String id) {
        return "/api/attachments/" + id;
    }

    /** Where an uploaded image's thumbnail is fetched. */
    public static String thumbnailUrlOf(String id) {
        return uploadedUrl(id) + "?variant=thumbnail";
    }

    /** A link the client gave (the original app's attachment). */
    public Attachment(String url, String type, String name) {
        this(url, type, name, null, null, null, null, null);
    }

    /** Only an id: what a client sends to attach one of its uploads. */
    public static Attachment upload(String id) {
        return new Attachment(null, null, null, id, null, null, null, null);
    }

    /** The content type, under the name the upload API uses (the same as {@code type}). */
    @JsonProperty(value = "contentType", access = JsonProperty.Access.READ_ONLY)
    public String contentType() {
        return type;
    }

    @JsonIgnore
    public boolean isUpload() {
        return id != null;
    }
}
