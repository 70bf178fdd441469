package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/**
 * The gateway still holds these sessions of the user. Sent periodically; a session that no heartbeat
 * mentions for the expiry time is considered gone (its gateway died).
 *
 * @param lastActiveAt when the user last did something on one of these sessions (sent, read, typed, reacted …;
 *                     opening one counts): "online" is an open socket, "active" is a person using it — a
 *                     notifier pushes to who is not. Null from gateways before it was added.
 */
public record SessionsHeartbeat(String userId, String gatewayId, List<String> sessionIds, Instant sentAt,
        Instant lastActiveAt) implements PresenceSignal {

    public SessionsHeartbeat {
        sessionIds = List.copyOf(sessionIds);
    }

    /** Without the activity (as gateways before it sent). */
    public SessionsHeartbeat(String userId, String gatewayId, List<String> sessionIds, Instant sentAt) {
        this(userId, gatewayId, sessionIds, sentAt, null);
    }
}
