package dev.chat.gateway.realtime;

import dev.chat.contracts.ChatJson;
import dev.chat.gateway.GatewayProperties;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * JSON over WebSocket at {@code /ws}, in the original app's vocabulary: frames are
 * {@code {"event": "...", "data": {...}}}. The token comes from the {@code Authorization} header, a
 * {@code token} query parameter, or a first {@code auth} frame. A bad frame is answered with an
 * {@code error} frame and the socket stays open. A socket authenticated at the handshake that sends
 * nothing gets its live stream after {@code chat.gateway.realtime.auto-start-after}. Every other frame is an action
 * for the {@link SocketDispatcher}; this class only reads frames and writes answers ({@link WebSocketAnswers}).
 */
@Component
class WebSocketEndpoint implements WebSocketHandler {

    /** Policy violation: the socket is closed because it is not (or no longer) authenticated. */
    private static final int UNAUTHENTICATED = 4401;
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);

    private final SessionRegistry sessions;
    private final SocketDispatcher dispatcher;
    private final StreamStarter starter;
    private final TokenVerifier tokens;
    private final int maxFrameBytes;
    private final Duration autoStartAfter;

    WebSocketEndpoint(SessionRegistry sessions, StreamStarter starter, SocketDispatcher dispatcher, TokenVerifier tokens,
            GatewayProperties properties) {
        this.dispatcher = dispatcher;
        this.sessions = sessions;
        this.starter = starter;
        this.tokens = tokens;
        this.maxFrameBytes = properties.realtime().maxFrameBytes();
        this.autoStartAfter = properties.realtime().autoStartAfter();
    }

    /** One socket's state: the session once authenticated, and the cursor from the URL if any. */
    private final class Connection implements SocketConnection {
        final WebSocketSession socket;
        final Sinks.One<Session> authenticated = Sinks.one();
        final AtomicReference<Session> session = new AtomicReference<>();
        final String urlCursor;
        /** Its place in {@link Admission}: the start counts until {@code ready}, the connection until it closes. */
        final Admission.Ticket ticket;
        /**
         * A start was asked for (it may still wait its turn: a resume queues behind others after a gateway crash).
         * Nothing starts the stream a second way meanwhile — not the automatic start, not another frame — which
         * would start it from now and lose what the resume would have replayed.
         */
        final AtomicBoolean startRequested = new AtomicBoolean();

        Connection(WebSocketSession socket, String urlCursor) {
            this.socket = socket;
            this.urlCursor = urlCursor;
            this.ticket = socket.getAttributes().get(Admission.TICKET) instanceof Admission.Ticket admitted
                    ? admitted.claim() : null;
        }

        /** Starts the session's stream; once it is live (or failed) this connection no longer counts as starting. */
        Mono<Void> start(String cursor) {
            startRequested.set(true);
            return starter.start(session.get(), cursor).doFinally(signal -> {
                if (ticket != null) {
                    ticket.started();
                }
            });
        }

        void closed() {
            if (ticket != null) {
                ticket.closed();
            }
        }

        @Override
        public String userId() {
            return session.get().userId();
        }

        @Override
        public void touched() {
            session.get().touched();
        }

        @Override
        public Mono<Void> resume(String cursor) {
            return start(cursor);
        }

        @Override
        public Mono<Void> join() {
            return startRequested.get() ? Mono.empty() : start(urlCursor);
        }

        @Override
        public void expectAck(String clientMessageId) {
            session.get().expectAck(clientMessageId);
        }

        Mono<Void> authenticate(String token) {
            return tokens.userId(token).doOnNext(this::opened).then();
        }

        /** The user the handshake's header already proved. */
        Mono<Void> authenticated(String userId) {
            return Mono.fromRunnable(() -> opened(userId));
        }

        private void opened(String userId) {
            Session opened = sessions.open(userId);
            session.set(opened);
            authenticated.tryEmitValue(opened);
        }
    }

    @Override
    public Mono<Void> handle(WebSocketSession socket) {
        var query = UriComponentsBuilder.fromUri(socket.getHandshakeInfo().getUri()).build().getQueryParams();
        String verified = (String) socket.getAttributes().get(WebSocketConfiguration.VERIFIED_USER);
        String token = query.getFirst("token");
        Connection connection = new Connection(socket, query.getFirst("cursor"));

        // Authenticated at the handshake: a cursor in the URL starts the stream now; without one the client
        // has a moment to send join or resume, after which the live stream starts by itself (never deaf).
        Disposable.Swap autoStart = Disposables.swap();
        Mono<Void> authentication = verified == null && token == null ? Mono.empty()
                : (verified != null ? connection.authenticated(verified) : connection.authenticate(token))
                .then(Mono.defer(() -> {
                    Session session = connection.session.get();
                    if (connection.urlCursor != null) {
                        return connection.start(connection.urlCursor);
                    }
                    autoStart.update(Mono.delay(autoStartAfter)
                            .then(Mono.defer(() -> connection.startRequested.get() ? Mono.empty() : connection.start(null)))
                            .subscribe(null, e -> { }));
                    return Mono.empty();
                }));

        Mono<Void> input = socket.receive()
                .map(WebSocketMessage::getPayloadAsText)
                // One frame at a time, in order; nothing read ahead (a queue per idle socket otherwise).
                .concatMap(text -> onFrame(connection, text), 1)
                .then();

        Flux<WebSocketMessage> frames = connection.authenticated.asMono()
                .timeout(AUTH_TIMEOUT, Mono.defer(() -> closeUnauthenticated(connection, "no auth frame within "
                        + AUTH_TIMEOUT.toSeconds() + " s").then(Mono.empty())))
                .flatMapMany(session -> {
                    // A slow client is closed at once; a drained one once its last frames (reconnect) are written.
                    session.closedByServer()
                            .filter(close -> !close.afterFlush())
                            .flatMap(close -> socket.close(CloseStatus.GOING_AWAY.withReason(close.reason())))
                            .subscribe();
                    return session.frames();
                })
                .map(frame -> socket.textMessage(frame.json()));
        Mono<Void> closeDrained = Mono.defer(() -> {
            Session session = connection.session.get();
            return session == null ? Mono.empty() : Mono.justOrEmpty(session.serverClose())
                    .filter(Session.ServerClose::afterFlush)
                    .flatMap(close -> socket.close(CloseStatus.SERVICE_RESTARTED.withReason(truncate(close.reason()))));
        });

        return authentication
                .onErrorResume(e -> refuse(connection, e))
                .then(Mono.when(input, socket.send(frames).then(closeDrained)))
                .doFinally(signal -> {
                    connection.closed();
                    autoStart.dispose();
                    Session session = connection.session.get();
                    if (session != null) {
                        sessions.close(session);
                    }
                });
    }

    private Mono<Void> closeUnauthenticated(Connection connection, String reason) {
        return connection.socket.close(new CloseStatus(UNAUTHENTICATED, reason));
    }

    /** Authentication failed (4401), or the user holds too many sessions already (1008, policy violation). */
    private Mono<Void> refuse(Connection connection, Throwable e) {
        return e instanceof SessionLimitException
                ? connection.socket.close(CloseStatus.POLICY_VIOLATION.withReason(e.getMessage()))
                : closeUnauthenticated(connection, e.getMessage());
    }

    private Mono<Void> onFrame(Connection connection, String text) {
        String event = null;
        try {
            if (text.length() > maxFrameBytes) {
                throw new FrameException("frame too large: at most " + maxFrameBytes + " bytes");
            }
            JsonNode frame = parse(text);
            event = frame.path("event").asString(null);
            JsonNode data = frame.path("data");
            if (event == null || event.isBlank()) {
                throw new FrameException("a frame needs an \"event\" name");
            }
            Session session = connection.session.get();
            if (session == null) {
                if (!"auth".equals(event)) {
                    return closeUnauthenticated(connection, "authenticate first: {\"event\":\"auth\",\"data\":{\"token\":…}}");
                }
                String cursor = SocketDispatcher.cursor(data);
                return connection.authenticate(text(data, "token"))
                        .then(Mono.defer(() -> connection.start(cursor != null ? cursor : connection.urlCursor)))
                        .onErrorResume(e -> refuse(connection, e));
            }
            if ("auth".equals(event)) {
                throw new FrameException("already authenticated");
            }
            String name = event;
            return dispatcher.dispatch(connection, event, data).doOnNext(answer -> answer(session, name, answer)).then()
                    .onErrorResume(e -> replyError(session, name, e));
        } catch (RuntimeException e) {
            Session session = connection.session.get();
            if (session == null) {
                return closeUnauthenticated(connection, "authenticate first");
            }
            return replyError(session, event, e);
        }
    }

    /** Writes what the answer says on {@code /ws}; one that comes later is written when it comes. */
    private static void answer(Session session, String event, SocketAnswer answer) {
        if (answer instanceof SocketAnswer.Later later) {
            later.answer().subscribe(decided -> answer(session, event, decided));
            return;
        }
        WebSocketAnswers.frames(event, answer).forEach(session::reply);
    }

    private static Mono<Void> replyError(Session session, String event, Throwable e) {
        session.reply(Frames.error(e instanceof FrameException || e instanceof IllegalArgumentException
                ? e.getMessage() : SocketDispatcher.COULD_NOT_PROCESS, event,
                e instanceof FrameException refused ? refused.retryAfterSeconds() : null));
        return Mono.empty();
    }

    /** A close frame's reason has at most 123 bytes. */
    private static String truncate(String reason) {
        return reason.length() <= 120 ? reason : reason.substring(0, 120);
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = ChatJson.mapper().readTree(text);
            if (node == null || !node.isObject()) {
                throw new FrameException("a frame is a JSON object {\"event\": …, \"data\": …}");
            }
            return node;
        } catch (JacksonException e) {
            throw new FrameException("malformed JSON");
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.path(field);
        return value.isString() ? value.asString() : null;
    }
}
