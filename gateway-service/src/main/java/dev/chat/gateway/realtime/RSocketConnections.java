package dev.chat.gateway.realtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.stereotype.Component;

/**
 * RSocket's connections, which carry requests beside (at most) one event stream: each one's user, from its setup,
 * and its stream while open, so a request on the connection acknowledges and touches that session. The sessions
 * themselves are the {@link SessionRegistry}'s, like every protocol's.
 */
@Component
class RSocketConnections {

    private static final class Connection {
        final String userId;
        volatile Session stream;

        Connection(String userId) {
            this.userId = userId;
        }
    }

    private final SessionRegistry sessions;
    private final Map<RSocketRequester, Connection> connections = new ConcurrentHashMap<>();

    RSocketConnections(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    /** The connection authenticated as {@code userId} at its setup. */
    void connected(RSocketRequester connection, String userId) {
        connections.put(connection, new Connection(userId));
    }

    /** The connection's user, or null if it did not authenticate. */
    String userOn(RSocketRequester connection) {
        Connection known = connections.get(connection);
        return known == null ? null : known.userId;
    }

    /** Opens the connection's event stream: a session of its user, remembered for the connection's requests. */
    Session openStream(RSocketRequester connection) {
        Connection known = connections.get(connection);
        if (known == null) {
            throw new FrameException("not authenticated");
        }
        Session session = sessions.open(known.userId);
        known.stream = session;
        return session;
    }

    /** The connection's open event stream, or null. */
    Session streamOn(RSocketRequester connection) {
        Connection known = connections.get(connection);
        return known == null ? null : known.stream;
    }

    /** The stream ended (the connection may go on with requests). */
    void closeStream(RSocketRequester connection, Session session) {
        Connection known = connections.get(connection);
        if (known != null && known.stream == session) {
            known.stream = null;
        }
        sessions.close(session);
    }

    void disconnected(RSocketRequester connection) {
        connections.remove(connection);
    }
}
