package dev.chat.gateway.attachments;

import dev.chat.contracts.Attachment;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * An uploaded file as the gateway's {@value Uploads#COLLECTION} collection keeps it: what its bytes are, who uploaded
 * it, and — once a message carries it — which conversation and message (a message claims it by its sender's
 * clientMessageId first, and learns its id once stored). The one mapping to and from its document.
 */
record Upload(String id, String uploaderId, String name, String contentType, long size, Integer width, Integer height,
        String sha256, String thumbnailType, Instant createdAt, String conversationId, String clientMessageId,
        String messageId) {

    static final String UPLOADER_ID = "uploaderId";
    static final String CREATED_AT = "createdAt";
    static final String CONVERSATION_ID = "conversationId";
    static final String CLIENT_MESSAGE_ID = "clientMessageId";
    static final String MESSAGE_ID = "messageId";

    boolean isImage() {
        return contentType.startsWith("image/");
    }

    String key(SignedLinks.Variant variant) {
        return id + "/" + variant.wire();
    }

    /** The type of what {@code variant} opens; null if there is no such variant (no thumbnail). */
    String contentType(SignedLinks.Variant variant) {
        return variant == SignedLinks.Variant.THUMBNAIL ? thumbnailType : contentType;
    }

    /** The attachment a message carries: what the gateway found in the bytes, never what the client said. */
    Attachment attachment() {
        return new Attachment(Attachment.uploadedUrl(id), contentType, name, id, size, width, height,
                thumbnailType != null ? Attachment.thumbnailUrlOf(id) : null);
    }

    Document document() {
        return new Document("_id", id)
                .append(UPLOADER_ID, uploaderId)
                .append("name", name)
                .append("contentType", contentType)
                .append("size", size)
                .append("width", width)
                .append("height", height)
                .append("sha256", sha256)
                .append("thumbnailType", thumbnailType)
                .append(CREATED_AT, Date.from(createdAt))
                .append(CONVERSATION_ID, conversationId)
                .append(CLIENT_MESSAGE_ID, clientMessageId)
                .append(MESSAGE_ID, messageId);
    }

    static Upload from(Document doc) {
        return new Upload(doc.getString("_id"), doc.getString(UPLOADER_ID), doc.getString("name"),
                doc.getString("contentType"), ((Number) doc.get("size")).longValue(), doc.getInteger("width"),
                doc.getInteger("height"), doc.getString("sha256"), doc.getString("thumbnailType"),
                doc.getDate(CREATED_AT).toInstant(), doc.getString(CONVERSATION_ID), doc.getString(CLIENT_MESSAGE_ID),
                doc.getString(MESSAGE_ID));
    }
}
