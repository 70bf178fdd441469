package dev.chat.contracts;

import java.time.Instant;

/** A session ended normally (the client closed it or the gateway shut down in order). */
public record SessionClosed(String sessionId, String userId, String gatewayId, Instant closedAt)
        implements PresenceSignal {
}
