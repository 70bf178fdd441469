package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/**
 * The gateway still holds these sessions of the user. Sent periodically; a session that no heartbeat
 * mentions for the expiry time is considered gone (its gateway died).
 */
public record SessionsHeartbeat(String userId, String gatewayId, List<String> sessionIds, Instant sentAt)
        implements PresenceSignal {

    public SessionsHeartbeat {
        sessionIds = List.copyOf(sessionIds);
    }
}
