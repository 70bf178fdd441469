package dev.chat.gateway.attachments;

import java.util.UUID;
import java.util.regex.Pattern;

/** Upload ids: a random UUID (122 random bits) in hex, made here, so a client can neither pick nor guess one. */
final class AttachmentIds {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private AttachmentIds() {
    }

    static String next() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
