package dev.chat.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * projection-service settings ({@code chat.projection.*}, or e.g. {@code CHAT_PROJECTION_CONSUMER_CONCURRENCY}).
 *
 * @param consumerConcurrency event consumers per instance (at most the event topic's partitions)
 * @param allowHttpUrls       accept profiles whose avatar is an {@code http:} URL (development)
 */
@ConfigurationProperties("chat.projection")
public record ProjectionServiceProperties(@DefaultValue("1") int consumerConcurrency,
        @DefaultValue("false") boolean allowHttpUrls) {
}
