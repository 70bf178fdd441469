package dev.chat.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A member reported a message, published to {@link Topics#REPORTS} for moderation consumers — not to the
 * conversation's log, which its members (the reported sender among them) read. One per reporter and message.
 *
 * @param reportId       the same for the same reporter and message ({@link #idOf}), so a consumer dedupes by it
 * @param messageVersion the reported message's version in its conversation, to find it in {@code chat.events.v1}
 * @param excerpt        the start of the message as it read when reported ({@link ReplyPreview#of})
 * @param note           the reporter's own words, or null
 */
public record MessageReported(
        String reportId,
        String conversationId,
        String messageId,
        long messageVersion,
        String senderId,
        String reporterId,
        ReportReason reason,
        String note,
        String excerpt,
        Instant reportedAt) {

    /** The id of {@code reporterId}'s report of {@code messageId}: a name-based UUID, prefixed {@code rpt.}. */
    public static String idOf(String conversationId, String messageId, String reporterId) {
        String name = conversationId + '\n' + messageId + '\n' + reporterId;
        return "rpt." + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
