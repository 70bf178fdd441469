package dev.chat.gateway.conversations;

import dev.chat.gateway.GatewayProperties;
import java.time.Duration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Holds an accepted command's answer until the read models show its effect (at most
 * {@code CHAT_READ_YOUR_WRITES_TIMEOUT}), so the caller's next query sees what they just did.
 */
@Component
public class ReadYourWrites {

    private final ProjectedViews projectedViews;
    private final Duration timeout;

    ReadYourWrites(ProjectedViews projectedViews, GatewayProperties properties) {
        this.projectedViews = projectedViews;
        this.timeout = properties.readYourWritesTimeout();
    }

    /** Completes once the conversation's read model has reached the version (or the timeout passed). */
    public Mono<Void> after(String conversationId, Long conversationVersion) {
        return conversationVersion == null ? Mono.empty()
                : projectedViews.awaitVersion(conversationId, conversationVersion, timeout);
    }
}
