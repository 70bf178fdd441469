package dev.chat.gateway.realtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One Engine.IO session: its transport (HTTP long-polling, WebSocket, or polling being upgraded), the packets
 * waiting for the client's next poll, and its heartbeat. What the packets mean is the {@link SocketIoConnection}'s
 * business; this class only moves them. Thread-safe: polls, posts, the socket and the heartbeat call it at once.
 */
final class EngineIoSession {

    /** Why a poll or post is refused (400): the session is gone, or the client broke the protocol. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private enum Transport { POLLING, UPGRADING, WEBSOCKET }

    private final String sid;
    private final Consumer<String> messages;
    private final Consumer<String> binaries;
    private final Runnable onClose;
    private final int maxBuffered;
    private Transport transport;
    private final Deque<String> buffered = new ArrayDeque<>();
    private Sinks.One<String> poll;
    private Sinks.Many<String> socket;
    private long pingSentAt;
    private boolean pingOutstanding;
    private long lastPingAt;
    private boolean closed;

    /**
     * @param messages the data of each message packet the client sends ({@code 4…}, without the {@code 4})
     * @param binaries each binary packet (base64 text over polling, {@code null} for a WebSocket binary frame)
     * @param maxBuffered packets kept for a client that does not poll; past it the session is closed (a slow client)
     */
    EngineIoSession(String sid, boolean websocket, Consumer<String> messages, Consumer<String> binaries,
            Runnable onClose, int maxBuffered, long now) {
        this.sid = sid;
        this.transport = websocket ? Transport.WEBSOCKET : Transport.POLLING;
        this.messages = messages;
        this.binaries = binaries;
        this.onClose = onClose;
        this.maxBuffered = maxBuffered;
        this.lastPingAt = now;
    }

    String sid() {
        return sid;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized boolean polling() {
        return transport != Transport.WEBSOCKET;
    }

    /** The socket's outgoing packets (a fresh WebSocket session, or the upgrade's once complete). */
    synchronized Sinks.Many<String> attach() {
        socket = Sinks.many().unicast().onBackpressureBuffer();
        if (transport == Transport.WEBSOCKET) {
            buffered.forEach(socket::tryEmitNext);
            buffered.clear();
            return socket;
        }
        transport = Transport.UPGRADING;
        return socket;
    }

    /** Sends an encoded packet the way the client takes them now. */
    void send(String packet) {
        String flushed = null;
        Sinks.One<String> waiting = null;
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (transport == Transport.WEBSOCKET && socket != null) {
                socket.tryEmitNext(packet);
                return;
            }
            buffered.add(packet);
            if (poll != null) {
                waiting = poll;
                poll = null;
                flushed = drain();
            } else if (buffered.size() > maxBuffered) {
                overflow = true;
            }
        }
        if (waiting != null) {
            waiting.tryEmitValue(flushed);
        }
        if (overflow) {
            close();
        }
    }

    private String drain() {
        List<String> packets = new ArrayList<>(buffered);
        buffered.clear();
        return EngineIoPackets.join(packets);
    }

    /**
     * A long-polling GET: what is buffered at once, else the next packets as they come. A second poll while one
     * waits breaks the protocol: the session closes (the first poll gets {@code 1}) and the second is refused.
     */
    Mono<String> poll() {
        Sinks.One<String> first = null;
        Mono<String> answer;
        synchronized (this) {
            if (closed) {
                return Mono.error(new Refused("Session ID unknown"));
            }
            if (transport == Transport.WEBSOCKET) {
                return Mono.error(new Refused("the session was upgraded to WebSocket"));
            }
            if (poll != null) {
                first = poll;
                poll = null;
                answer = Mono.error(new Refused("a poll is already waiting for this session"));
            } else if (!buffered.isEmpty()) {
                return Mono.just(drain());
            } else {
                Sinks.One<String> waiting = Sinks.one();
                poll = waiting;
                answer = waiting.asMono().doOnCancel(() -> forget(waiting));
            }
        }
        if (first != null) {
            first.tryEmitValue(String.valueOf(EngineIoPackets.CLOSE));
            close();
        }
        return answer;
    }

    private synchronized void forget(Sinks.One<String> waiting) {
        if (poll == waiting) {
            poll = null;
        }
    }

    /** A long-polling POST's body; a packet that is not Engine.IO closes the session and refuses the post. */
    void posted(String payload) {
        synchronized (this) {
            if (closed) {
                throw new Refused("Session ID unknown");
            }
        }
        for (String packet : EngineIoPackets.split(payload)) {
            if (!EngineIoPackets.wellFormed(packet)) {
                close();
                throw new Refused("not an Engine.IO packet");
            }
            received(packet);
        }
    }

    /** A packet from the client, over either transport (WebSocket frames are one packet each). */
    void received(String packet) {
        char type = packet.isEmpty() ? 0 : packet.charAt(0);
        switch (type) {
            case EngineIoPackets.PONG -> {
                synchronized (this) {
                    pingOutstanding = false;
                }
            }
            case EngineIoPackets.MESSAGE -> messages.accept(packet.substring(1));
            case EngineIoPackets.CLOSE -> close();
            case EngineIoPackets.NOOP -> { }
            case 'b' -> binaries.accept(packet.substring(1));
            default -> {
                // A ping from the client (protocol 3) or an upgrade packet outside an upgrade: not ours to answer.
            }
        }
    }

    /** The upgrade's probe arrived on the new socket: answered there, and the waiting poll released with a noop. */
    void probed(Sinks.Many<String> probing) {
        Sinks.One<String> waiting;
        synchronized (this) {
            waiting = poll;
            poll = null;
            probing.tryEmitNext(EngineIoPackets.PONG + EngineIoPackets.PROBE);
        }
        if (waiting != null) {
            waiting.tryEmitValue(String.valueOf(EngineIoPackets.NOOP));
        }
    }

    /** The client said {@code 5}: from now on everything goes over the socket, what was buffered first. */
    void upgraded() {
        Sinks.One<String> waiting;
        synchronized (this) {
            if (transport != Transport.UPGRADING) {
                return;
            }
            transport = Transport.WEBSOCKET;
            buffered.forEach(socket::tryEmitNext);
            buffered.clear();
            waiting = poll;
            poll = null;
        }
        if (waiting != null) {
            waiting.tryEmitValue(String.valueOf(EngineIoPackets.NOOP));
        }
    }

    /** The upgrade's socket closed before the upgrade completed: the session goes on polling. */
    synchronized void upgradeAbandoned() {
        if (transport == Transport.UPGRADING) {
            transport = Transport.POLLING;
            socket = null;
        }
    }

    /**
     * The heartbeat, called often: a ping every {@code intervalMs}; no pong within {@code timeoutMs} of one closes
     * the session. Returns whether the session is still open.
     */
    boolean heartbeat(long now, long intervalMs, long timeoutMs) {
        boolean ping = false;
        boolean dead = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (pingOutstanding) {
                dead = now - pingSentAt > timeoutMs;
            } else if (now - lastPingAt >= intervalMs) {
                ping = true;
                pingOutstanding = true;
                pingSentAt = now;
                lastPingAt = now;
            }
        }
        if (dead) {
            close();
            return false;
        }
        if (ping) {
            send(String.valueOf(EngineIoPackets.PING));
        }
        return true;
    }

    /** Ends the session (idempotent): a waiting poll is answered with {@code 1}, the socket completes. */
    void close() {
        Sinks.One<String> waiting;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            waiting = poll;
            poll = null;
            buffered.clear();
            if (socket != null) {
                // Under the lock: no packet is being emitted on the socket at the same time.
                socket.tryEmitComplete();
            }
        }
        if (waiting != null) {
            waiting.tryEmitValue(String.valueOf(EngineIoPackets.CLOSE));
        }
        onClose.run();
    }
}
