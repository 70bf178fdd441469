package dev.chat.gateway.realtime;

import dev.chat.contracts.ChatJson;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Socket.IO layer of one Engine.IO session: the CONNECT with its token, the original app's events in (through
 * the {@link SocketDispatcher}, as every socket protocol), the session's frames out as events (the original's
 * shapes where it had them, {@link SocketIoWire}), acknowledgements with the answer REST would give, and
 * connection state recovery mapped onto the platform's cursors: an event's offset is its frame's cursor.
 */
final class SocketIoConnection implements SocketConnection {

    private static final Logger log = LoggerFactory.getLogger(SocketIoConnection.class);

    /** What a connection needs from the gateway (one per endpoint). */
    record Core(SessionRegistry sessions, StreamStarter starter, SocketDispatcher dispatcher, TokenVerifier tokens,
            SocketIoWire wire) {
    }

    private final Core core;
    private final EngineIoSession engine;
    /** A token the handshake's {@code Authorization} header carried (non-browser clients), or null. */
    private final String headerToken;
    private final AtomicReference<Session> session = new AtomicReference<>();
    private final AtomicReference<Disposable> stream = new AtomicReference<>();
    /** Binary attachments of a refused binary packet still to come (skipped). */
    private final AtomicInteger skipping = new AtomicInteger();
    private volatile boolean connecting;
    /** Whether the client sent a CONNECT at all (one that never does is closed, as /ws closes a socket without auth). */
    private volatile boolean connectSeen;
    private final long openedAt = System.currentTimeMillis();
    private final Runnable removed;
    /** Packets that came while the CONNECT's token was being checked, handled once it is (at most a few). */
    private final java.util.List<SocketIoPacket> early = new java.util.ArrayList<>();
    private static final int MAX_EARLY = 64;
    /** A binary packet announcing more attachments than this is refused and ends the session (a flood in waiting). */
    private static final int MAX_ATTACHMENTS = 10;

    /**
     * @param removed told when the session ends, whoever ends it
     */
    SocketIoConnection(Core core, String sid, boolean websocket, String headerToken, int maxBuffered, Runnable removed) {
        this.core = core;
        this.headerToken = headerToken;
        this.removed = removed;
        this.engine = new EngineIoSession(sid, websocket, this::onMessage, this::onBinary, this::closed, maxBuffered,
                System.currentTimeMillis());
    }

    EngineIoSession engine() {
        return engine;
    }

    // --- packets in ---

    private void onMessage(String text) {
        SocketIoPacket packet;
        try {
            packet = SocketIoPacket.parse(text);
        } catch (SocketIoPacket.Malformed e) {
            log.debug("Malformed Socket.IO packet on {}: {}", engine.sid(), e.getMessage());
            engine.close();
            return;
        }
        switch (packet.type()) {
            case SocketIoPacket.CONNECT -> connect(packet);
            case SocketIoPacket.DISCONNECT -> engine.close();
            case SocketIoPacket.EVENT -> {
                if (heldUntilConnected(packet)) {
                    return;
                }
                event(packet);
            }
            case SocketIoPacket.BINARY_EVENT, SocketIoPacket.BINARY_ACK -> {
                refuse(packet, "binary attachments are not supported: upload the file and send its URL in attachments");
                if (packet.attachments() > MAX_ATTACHMENTS) {
                    engine.close();
                } else {
                    skipping.addAndGet(packet.attachments());
                }
            }
            default -> { } // acks of ours (we ask for none), errors: nothing to do
        }
    }

    /** While the CONNECT is being checked, later packets wait for it (a client may batch them with it). */
    private boolean heldUntilConnected(SocketIoPacket packet) {
        synchronized (early) {
            if (session.get() != null || !connecting) {
                return false;
            }
            if (early.size() < MAX_EARLY) {
                early.add(packet);
            }
            return true;
        }
    }

    private void releaseEarly() {
        java.util.List<SocketIoPacket> held;
        synchronized (early) {
            held = new java.util.ArrayList<>(early);
            early.clear();
        }
        held.forEach(this::event);
    }

    /**
     * A binary frame: an attachment of a refused binary packet is skipped; one that no packet announced breaks the
     * protocol (Socket.IO's own server closes the connection too), so a flood of them costs one error and a close.
     */
    private void onBinary(String base64) {
        if (skipping.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
            sendEvent("messageError", SocketIoWire.error("binary packets are not supported"));
            engine.close();
        }
    }

    /** An Engine.IO session whose client has sent no CONNECT for {@code timeoutMs}: it holds a place for nothing. */
    boolean neverConnected(long now, long timeoutMs) {
        return !connectSeen && now - openedAt > timeoutMs;
    }

    private void connect(SocketIoPacket packet) {
        connectSeen = true;
        if (!"/".equals(packet.namespace())) {
            engine.send(SocketIoPacket.connectError(packet.namespace(), "Invalid namespace"));
            return;
        }
        if (session.get() != null || connecting) {
            return;
        }
        connecting = true;
        JsonNode auth = packet.data() == null ? ChatJson.mapper().createObjectNode() : packet.data();
        String token = auth.path("token").isString() ? auth.path("token").asString() : headerToken;
        String pid = auth.path("pid").isString() ? auth.path("pid").asString() : null;
        String offset = pid != null && auth.path("offset").isString() ? auth.path("offset").asString() : null;
        if (token == null || token.isBlank()) {
            refuseConnect("a token is required: io(url, {auth: {token}})");
            return;
        }
        core.tokens().userId(token).subscribe(userId -> opened(userId, pid, offset),
                e -> refuseConnect(e instanceof FrameException ? e.getMessage() : "invalid token"));
    }

    /**
     * Connected: the answer first, then the stream — from the offset the client last saw (recovery: exactly what it
     * missed, once; the same pid tells the client it recovered), else from now (as the original app).
     */
    private void opened(String userId, String pid, String offset) {
        Session opened;
        try {
            opened = core.sessions().open(userId);
        } catch (SessionLimitException e) {
            refuseConnect(e.getMessage());
            return;
        }
        synchronized (early) {
            session.set(opened);
        }
        if (engine.isClosed()) {
            // The client went away while its token was being checked.
            Session gone = session.getAndSet(null);
            if (gone != null) {
                core.sessions().close(gone);
            }
            return;
        }
        String answeredPid = offset != null ? pid : UUID.randomUUID().toString();
        engine.send(SocketIoPacket.connected(opened.id(), answeredPid));
        stream.set(opened.frames()
                .concatMap(frame -> core.wire().event(frame, opened.userId()), 32)
                .subscribe(engine::send, e -> engine.close(), engine::close));
        opened.closedByServer().subscribe(close -> {
            engine.send(SocketIoPacket.disconnect());
            engine.close();
        });
        releaseEarly();
        core.starter().start(opened, offset).subscribe(null, e -> {
            sendEvent("error", SocketIoWire.error(e instanceof FrameException ? e.getMessage()
                    : "could not start the stream; reconnect"));
            engine.close();
        });
    }

    private void refuseConnect(String reason) {
        synchronized (early) {
            connecting = false;
            early.clear();
        }
        // The client does not retry a CONNECT_ERROR by itself: no reconnection loop on a bad token.
        engine.send(SocketIoPacket.connectError("/", reason));
    }

    private void event(SocketIoPacket packet) {
        Session current = session.get();
        JsonNode data = packet.data();
        if (current == null || data == null || !data.isArray() || data.isEmpty() || !data.get(0).isString()) {
            if (current != null) {
                refuse(packet, "an event is [\"name\", data]");
            }
            return;
        }
        String name = data.get(0).asString();
        JsonNode argument = data.size() > 1 ? data.get(1) : null;
        if ("join".equals(name)) {
            // The original trusted join(userId); here the token says who it is, and join may only agree.
            boolean mine = argument != null && argument.isString() && argument.asString().equals(current.userId());
            answer(packet, name, mine ? SocketAnswer.NOTHING
                    : SocketAnswer.Refused.invalid("join names another user than the token's"));
            return;
        }
        if ("sendMessage".equals(name) && argument != null && argument.isObject() && argument.has("senderId")) {
            if (!current.userId().equals(argument.path("senderId").asString(null))) {
                answer(packet, name, SocketAnswer.Refused.invalid("senderId must be you (or left out)"));
                return;
            }
            ObjectNode withoutSender = ((ObjectNode) argument).deepCopy();
            withoutSender.remove("senderId");
            argument = withoutSender;
        }
        core.dispatcher().dispatch(this, name, argument).subscribe(answer -> answer(packet, name, answer),
                e -> answer(packet, name, new SocketAnswer.Refused(SocketDispatcher.COULD_NOT_PROCESS, true, null, null)));
    }

    private void answer(SocketIoPacket packet, String event, SocketAnswer answer) {
        if (answer instanceof SocketAnswer.Later later) {
            later.answer().subscribe(decided -> answer(packet, event, decided));
            return;
        }
        if (packet.ackId() >= 0) {
            engine.send(SocketIoPacket.ack(packet.ackId(), SocketIoWire.ack(answer)));
            return;
        }
        Session current = session.get();
        if (current == null) {
            return;
        }
        // Without an ack, as on /ws (through the session, so in order with its events); the original's own
        // events say what went wrong with messageError.
        if (answer instanceof SocketAnswer.Refused refused && ("join".equals(event) || "sendMessage".equals(event))) {
            current.reply(Frames.messageError(refused.clientMessageId(), refused.reason(), refused.retryable(),
                    refused.retryAfterSeconds()));
            return;
        }
        WebSocketAnswers.frames(event, answer).forEach(current::reply);
    }

    private void refuse(SocketIoPacket packet, String reason) {
        answer(packet, "", SocketAnswer.Refused.invalid(reason));
    }

    private void sendEvent(String event, Object data) {
        engine.send(SocketIoPacket.event(event, ChatJson.mapper().writeValueAsString(data), null));
    }

    private void closed() {
        removed.run();
        Disposable subscription = stream.getAndSet(null);
        if (subscription != null) {
            subscription.dispose();
        }
        Session current = session.getAndSet(null);
        if (current != null) {
            core.sessions().close(current);
        }
    }

    // --- what the dispatcher may ask of the connection ---

    @Override
    public String userId() {
        return session.get().userId();
    }

    @Override
    public void touched() {
        Session current = session.get();
        if (current != null) {
            current.touched();
        }
    }

    @Override
    public Mono<Void> resume(String cursor) {
        return Mono.error(new FrameException("a Socket.IO client resumes by reconnecting (connectionStateRecovery)"));
    }

    /** The stream started with the connection. */
    @Override
    public Mono<Void> join() {
        return Mono.empty();
    }

    @Override
    public void expectAck(String clientMessageId) {
        Session current = session.get();
        if (current != null) {
            current.expectAck(clientMessageId);
        }
    }
}
