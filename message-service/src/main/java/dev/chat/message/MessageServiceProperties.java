package dev.chat.message;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * message-service settings ({@code chat.message.*}, or environment variables such as
 * {@code CHAT_MESSAGE_MAX_CONTENT_LENGTH}).
 *
 * @param maxContentLength longest accepted message content, in characters (Unicode code points; at most
 *                         {@value #CONTENT_LENGTH_LIMIT}, so that a message fits in one Kafka record)
 * @param dedupeWindow     how long a clientMessageId is remembered: a retry within it is answered with the
 *                         original message, a retry after it is a new message
 * @param allowHttpUrls    accept {@code http:} attachment URLs as well as {@code https:} (development)
 * @param editWindow       how long after sending its author may edit a message
 * @param groupMaxMembers  the most members a group may have (at most {@value #GROUP_MEMBERS_LIMIT}: a group's state,
 *                         one entry per member in a few maps, must fit in one Kafka record)
 * @param maxRecordBytes   the largest record message-service writes (a state value, an event, an outcome); a
 *                         command whose decision would write a larger one is dead-lettered and refused. Keep it
 *                         below the producer's {@code max.request.size} and the topics' {@code max.message.bytes}
 *                         (both 1 MiB by default)
 */
@ConfigurationProperties("chat.message")
public record MessageServiceProperties(
        @DefaultValue("4000") int maxContentLength,
        @DefaultValue("7d") Duration dedupeWindow,
        @DefaultValue("false") boolean allowHttpUrls,
        @DefaultValue("15m") Duration editWindow,
        @DefaultValue("256") int groupMaxMembers,
        @DefaultValue("1000000") int maxRecordBytes) {

    public static final int GROUP_MEMBERS_LIMIT = 2000;
    public static final int CONTENT_LENGTH_LIMIT = 100_000;

    public MessageServiceProperties {
        if (maxContentLength < 1 || maxContentLength > CONTENT_LENGTH_LIMIT) {
            throw new IllegalArgumentException("chat.message.max-content-length (CHAT_MESSAGE_MAX_CONTENT_LENGTH) must be between 1 and "
                    + CONTENT_LENGTH_LIMIT + ", not " + maxContentLength);
        }
        if (groupMaxMembers < 2 || groupMaxMembers > GROUP_MEMBERS_LIMIT) {
            throw new IllegalArgumentException("chat.message.group-max-members (CHAT_GROUP_MAX_MEMBERS) must be between 2 and "
                    + GROUP_MEMBERS_LIMIT + ", not " + groupMaxMembers);
        }
        if (maxRecordBytes < 1024) {
            throw new IllegalArgumentException("chat.message.max-record-bytes (CHAT_MESSAGE_MAX_RECORD_BYTES) must be at least 1024");
        }
    }
}
