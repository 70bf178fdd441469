package dev.chat.contracts;

/**
 * The message a message answers, as it read when the answer was sent: its id, its sender and the start
 * of its content (at most {@link #MAX_PREVIEW} characters).
 */
public record ReplyPreview(String messageId, String senderId, String preview) {

    public static final int MAX_PREVIEW = 100;

    /** The preview of {@code content}: its first {@link #MAX_PREVIEW} code points, an ellipsis if cut. */
    public static String of(String content) {
        String text = content == null ? "" : content.strip();
        if (text.codePointCount(0, text.length()) <= MAX_PREVIEW) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_PREVIEW - 1)) + "…";
    }
}
