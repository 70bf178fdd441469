package dev.chat.message;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * message-service settings ({@code chat.message.*}, or environment variables such as
 * {@code CHAT_MESSAGE_MAX_CONTENT_LENGTH}).
 *
 * @param maxContentLength    longest accepted message content, in characters (Unicode code points)
 * @param consumerConcurrency command consumers per instance (at most the command topic's partitions)
 */
@ConfigurationProperties("chat.message")
public record MessageServiceProperties(
        @DefaultValue("4000") int maxContentLength,
        @DefaultValue("3") int consumerConcurrency) {
}
