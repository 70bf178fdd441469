package dev.chat.message;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * message-service settings ({@code chat.message.*}, or environment variables such as
 * {@code CHAT_MESSAGE_MAX_CONTENT_LENGTH}).
 *
 * @param maxContentLength longest accepted message content, in characters (Unicode code points)
 * @param dedupeWindow     how long a clientMessageId is remembered: a retry within it is answered with the
 *                         original message, a retry after it is a new message
 * @param allowHttpUrls    accept {@code http:} attachment URLs as well as {@code https:} (development)
 * @param editWindow       how long after sending its author may edit a message
 * @param groupMaxMembers  the most members a group may have
 */
@ConfigurationProperties("chat.message")
public record MessageServiceProperties(
        @DefaultValue("4000") int maxContentLength,
        @DefaultValue("7d") Duration dedupeWindow,
        @DefaultValue("false") boolean allowHttpUrls,
        @DefaultValue("15m") Duration editWindow,
        @DefaultValue("256") int groupMaxMembers) {
}
