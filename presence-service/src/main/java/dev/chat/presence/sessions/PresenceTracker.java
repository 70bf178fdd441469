package dev.chat.presence.sessions;

import dev.chat.contracts.PresenceChanged;
import dev.chat.contracts.PresenceSignal;
import dev.chat.contracts.SessionClosed;
import dev.chat.contracts.SessionOpened;
import dev.chat.contracts.SessionsHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who is online, decided from the gateways' session signals. Plain code with the time passed in, so
 * every rule (first session, last session, grace, expiry) is unit-tested without Kafka or clocks.
 *
 * <ul>
 *   <li>first session of an offline user → online at once;</li>
 *   <li>last session closed → offline only if no session opens within the grace period (no flicker on
 *       reconnect), lastSeenAt = when it closed;</li>
 *   <li>a session no heartbeat has mentioned for the expiry time is gone (its gateway died); if it was
 *       the last one the user goes offline, lastSeenAt = when it was last heard of.</li>
 * </ul>
 * Not thread-safe: the owner serialises calls.
 */
public final class PresenceTracker {

    private final Duration expiry;
    private final Duration grace;
    private final Map<String, User> users = new HashMap<>();

    public PresenceTracker(Duration expiry, Duration grace) {
        this.expiry = expiry;
        this.grace = grace;
    }

    private static final class User {
        final Map<String, Session> sessions = new HashMap<>();
        boolean online;
        /** Set while the user has no sessions but is still shown online (grace, or restored state). */
        Instant offlineAt;
        Instant lastSeen;
    }

    private record Session(String gatewayId, Instant heardAt) {
    }

    /** Applies one signal; returns the presence changes it causes (none, or one). */
    public List<PresenceChanged> apply(PresenceSignal signal, Instant now) {
        User user = users.computeIfAbsent(signal.userId(), id -> new User());
        if (signal instanceof SessionOpened opened) {
            user.sessions.put(opened.sessionId(), new Session(opened.gatewayId(), now));
        } else if (signal instanceof SessionClosed closed) {
            if (user.sessions.remove(closed.sessionId()) != null) {
                user.lastSeen = latest(user.lastSeen, closed.closedAt());
            }
        } else {
            SessionsHeartbeat heartbeat = (SessionsHeartbeat) signal;
            Set<String> listed = new HashSet<>(heartbeat.sessionIds());
            // Signals of one user from one gateway arrive in order: a session of this gateway that the
            // heartbeat no longer lists has ended even if its close signal was lost.
            user.sessions.entrySet().removeIf(e -> e.getValue().gatewayId().equals(heartbeat.gatewayId())
                    && !listed.contains(e.getKey()));
            for (String sessionId : listed) {
                user.sessions.put(sessionId, new Session(heartbeat.gatewayId(), now));
            }
        }
        return settle(signal.userId(), user, now);
    }

    /** Expires sessions that stopped being heard of and ends grace periods that ran out. */
    public List<PresenceChanged> tick(Instant now) {
        List<PresenceChanged> changes = new ArrayList<>();
        for (Iterator<Map.Entry<String, User>> it = users.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, User> entry = it.next();
            User user = entry.getValue();
            boolean hadSessions = !user.sessions.isEmpty();
            user.sessions.entrySet().removeIf(e -> {
                boolean expired = !e.getValue().heardAt().plus(expiry).isAfter(now);
                if (expired) {
                    user.lastSeen = latest(user.lastSeen, e.getValue().heardAt());
                }
                return expired;
            });
            if (hadSessions && user.sessions.isEmpty() && user.online) {
                // Expiry already waited long enough: no grace on top of it.
                user.offlineAt = now;
            }
            changes.addAll(settle(entry.getKey(), user, now));
            if (!user.online && user.sessions.isEmpty()) {
                it.remove();
            }
        }
        return changes;
    }

    /**
     * Takes over a user the presence log shows online, e.g. after a restart or a rebalance. Their
     * sessions are unknown until the next heartbeat; if none comes within the expiry time, they go offline.
     */
    public void restoreOnline(String userId, Instant lastSeen, Instant now) {
        User user = users.computeIfAbsent(userId, id -> new User());
        if (!user.online && user.sessions.isEmpty()) {
            user.online = true;
            user.lastSeen = lastSeen;
            user.offlineAt = now.plus(expiry);
        }
    }

    /** Drops users this instance no longer owns (their partition moved elsewhere), without emitting. */
    public void forget(Predicate<String> userIds) {
        users.keySet().removeIf(userIds);
    }

    public boolean isOnline(String userId) {
        User user = users.get(userId);
        return user != null && user.online;
    }

    private List<PresenceChanged> settle(String userId, User user, Instant now) {
        if (!user.sessions.isEmpty()) {
            user.offlineAt = null;
            if (!user.online) {
                user.online = true;
                user.lastSeen = now;
                return List.of(new PresenceChanged(userId, true, now, now));
            }
            return List.of();
        }
        if (!user.online) {
            return List.of();
        }
        if (user.offlineAt == null) {
            user.offlineAt = now.plus(grace);
        }
        if (user.offlineAt.isAfter(now)) {
            return List.of();
        }
        user.online = false;
        user.offlineAt = null;
        Instant lastSeen = user.lastSeen == null ? now : user.lastSeen;
        return List.of(new PresenceChanged(userId, false, lastSeen, now));
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}
