package dev.chat.contracts;

/** A file or image reference attached to a message; the bytes live elsewhere (object storage). */
public record Attachment(String url, String type, String name) {
}
