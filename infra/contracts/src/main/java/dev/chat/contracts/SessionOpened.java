package dev.chat.contracts;

import java.time.Instant;

/** A user's device connected to a gateway (a WebSocket or an RSocket event stream). */
public record SessionOpened(String sessionId, String userId, String gatewayId, Instant openedAt)
        implements PresenceSignal {
}
