package dev.chat.gateway.realtime;

import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.wire.JsonProblems;
import io.rsocket.RSocketErrorException;
import io.rsocket.core.RSocketServer;
import io.rsocket.exceptions.RejectedSetupException;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.TcpServerTransport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.rsocket.messaging.RSocketStrategiesCustomizer;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.annotation.ConnectMapping;
import org.springframework.messaging.rsocket.annotation.support.RSocketMessageHandler;
import org.springframework.stereotype.Controller;
import org.springframework.util.MimeType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * RSocket over WebSocket at {@code /rsocket} and over TCP ({@code chat.gateway.realtime.rsocket-tcp-port}).
 * The bearer JWT travels in the setup metadata ({@code message/x.rsocket.authentication.v0}, bearer);
 * an invalid one rejects the connection. Routes are the {@link SocketDispatcher}'s actions (what the WebSocket
 * events do); this class decodes them and encodes the answers, and streams a session's frames.
 */
@Controller
class RSocketEndpoint {

    static final MimeType AUTHENTICATION = MimeType.valueOf("message/x.rsocket.authentication.v0");
    /** Well-known auth type "bearer" (0x01) with the well-known flag set, per the RSocket auth extension. */
    static final byte BEARER = (byte) 0x81;
    private static final Logger log = LoggerFactory.getLogger(RSocketEndpoint.class);

    record EventsRequest(String cursor) {
    }

    /** The answer to {@code chat.read}. */
    record ReadAnswer(String conversationId, long readUpToVersion) {
    }

    private final RSocketConnections connections;
    private final SocketDispatcher dispatcher;
    private final StreamStarter starter;
    private final TokenVerifier tokens;
    private final Admission admission;

    RSocketEndpoint(RSocketConnections connections, StreamStarter starter, SocketDispatcher dispatcher, TokenVerifier tokens,
            Admission admission) {
        this.admission = admission;
        this.dispatcher = dispatcher;
        this.connections = connections;
        this.starter = starter;
        this.tokens = tokens;
    }

    @Bean
    static RSocketStrategiesCustomizer authenticationMetadata() {
        return strategies -> strategies.metadataExtractorRegistry(registry ->
                registry.metadataToExtract(AUTHENTICATION, byte[].class, "authentication"));
    }

    @ConnectMapping
    Mono<Void> connect(@Header(name = "authentication", required = false) byte[] authentication,
            RSocketRequester requester) {
        if (authentication == null || authentication.length < 2 || authentication[0] != BEARER) {
            return Mono.error(new RejectedSetupException(
                    "a bearer token is required in the setup metadata (message/x.rsocket.authentication.v0)"));
        }
        // Admitted as a /ws handshake is; its start counts until the setup is answered, the connection until it closes.
        Admission.Decision decision = admission.admit();
        if (decision instanceof Admission.Refused refused) {
            return Mono.error(new RejectedSetupException(
                    refused.message() + " (retry after " + refused.retryAfter().toSeconds() + " s)"));
        }
        Admission.Ticket ticket = (Admission.Ticket) decision;
        String token = new String(authentication, 1, authentication.length - 1, StandardCharsets.UTF_8);
        return tokens.userId(token)
                .onErrorMap(e -> new RejectedSetupException(e.getMessage()))
                .doOnNext(userId -> {
                    connections.connected(requester, userId);
                    requester.rsocketClient().onClose()
                            .doFinally(signal -> {
                                connections.disconnected(requester);
                                ticket.closed();
                            })
                            .subscribe(null, e -> { });
                })
                .doOnError(e -> ticket.closed())
                .doOnCancel(ticket::closed)
                .doFinally(signal -> ticket.started())
                .then();
    }

    @MessageMapping("chat.events")
    Flux<byte[]> events(EventsRequest request, RSocketRequester requester) {
        user(requester);
        return Flux.defer(() -> {
            Session session = connections.openStream(requester);
            return starter.start(session, request == null ? null : request.cursor())
                    .thenMany(session.frames())
                    // The frame's JSON as written once for every session, not re-encoded per subscriber.
                    .map(frame -> frame.json().getBytes(StandardCharsets.UTF_8))
                    .doFinally(signal -> connections.closeStream(requester, session));
        });
    }

    /**
     * Typing indications, fire-and-forget: {@code {receiverId | conversationId, typing}} ({@code typing} true if
     * absent). Nobody to answer: a refusal is logged and the indication dropped.
     */
    @MessageMapping("chat.typing")
    Mono<Void> typing(JsonNode data, RSocketRequester requester) {
        return dispatcher.dispatch(connection(requester), SocketAction.TYPING.wireName(), data)
                .doOnNext(answer -> {
                    if (answer instanceof SocketAnswer.Refused refused) {
                        log.debug("Typing indication refused: {}", refused.reason());
                    }
                })
                .then();
    }

    /**
     * Every other action, request-response: {@code chat.send} (answer: the message), {@code chat.read}
     * ({@code {conversationId, readUpToVersion}}), {@code chat.presence} (a list), and {@code chat.editMessage},
     * {@code chat.deleteMessage}, {@code chat.react}, {@code chat.unreact}, {@code chat.reportMessage},
     * {@code chat.createGroup}, {@code chat.renameGroup}, {@code chat.addMembers}, {@code chat.removeMember}
     * ({@code {conversationId, version}}) — the same data as the {@code /ws} frames of those names. A refusal is an
     * error with its reason.
     */
    @MessageMapping("chat.{action}")
    Mono<Object> act(@DestinationVariable String action, JsonNode data, RSocketRequester requester) {
        return dispatcher.dispatch(connection(requester), action, data).flatMap(RSocketEndpoint::reply);
    }

    /** How RSocket says a {@link SocketAnswer}: a value to the request, or an error with the reason. */
    private static Mono<Object> reply(SocketAnswer answer) {
        if (answer instanceof SocketAnswer.Later later) {
            return later.answer().flatMap(RSocketEndpoint::reply);
        }
        if (answer instanceof SocketAnswer.Sent sent) {
            return Mono.just(sent.duplicate() ? sent.message().asDuplicate() : sent.message());
        }
        if (answer instanceof SocketAnswer.Read read) {
            return Mono.just(new ReadAnswer(read.conversationId(), read.readUpToVersion()));
        }
        if (answer instanceof SocketAnswer.Done done) {
            return Mono.just(done);
        }
        if (answer instanceof SocketAnswer.Presence presence) {
            return Mono.just(presence.presence());
        }
        if (answer instanceof SocketAnswer.Refused refused) {
            return Mono.error(FrameException.of(refused));
        }
        return Mono.empty();
    }

    /**
     * Errors leave as plain words: a refusal's reason, what is wrong with the JSON, or "could not process";
     * never an exception's class or a handler's signature (those are logged).
     */
    @MessageExceptionHandler
    Mono<Void> failed(Throwable e) {
        if (e instanceof RSocketErrorException) {
            // Already an RSocket error with words for the client, e.g. a rejected setup.
            return Mono.error(e);
        }
        if (e instanceof FrameException || e instanceof IllegalArgumentException) {
            return Mono.error(new FrameException(e.getMessage()));
        }
        String problem = JsonProblems.describe(e);
        if (problem != null) {
            log.debug("Undecodable RSocket payload: {}", e.toString());
            return Mono.error(new FrameException("bad data: " + problem));
        }
        log.warn("RSocket request failed", e);
        return Mono.error(new FrameException("could not process the request; try again"));
    }

    private String user(RSocketRequester requester) {
        String userId = connections.userOn(requester);
        if (userId == null) {
            throw new FrameException("not authenticated");
        }
        return userId;
    }

    /** The connection as the dispatcher sees it: its stream (if one is open) is the session to touch and acknowledge on. */
    private SocketConnection connection(RSocketRequester requester) {
        String userId = user(requester);
        Session stream = connections.streamOn(requester);
        return new SocketConnection() {
            @Override
            public String userId() {
                return userId;
            }

            @Override
            public void touched() {
                if (stream != null) {
                    stream.touched();
                }
            }

            @Override
            public Mono<Void> resume(String cursor) {
                return Mono.error(new FrameException("resume by streaming chat.events with the cursor"));
            }

            @Override
            public Mono<Void> join() {
                return Mono.empty();
            }

            @Override
            public void expectAck(String clientMessageId) {
                if (stream != null) {
                    stream.expectAck(clientMessageId);
                }
            }
        };
    }

    /** The same routes over plain TCP, for clients that do not speak WebSocket. */
    @Bean
    static SmartLifecycle rsocketTcpServer(RSocketMessageHandler handler, GatewayProperties properties) {
        return new TcpServer(handler, properties.realtime().rsocketTcpPort());
    }

    static final class TcpServer implements SmartLifecycle {
        private final RSocketMessageHandler handler;
        private final int port;
        private CloseableChannel channel;

        TcpServer(RSocketMessageHandler handler, int port) {
            this.handler = handler;
            this.port = port;
        }

        @Override
        public void start() {
            if (port < 0) {
                return;
            }
            channel = RSocketServer.create(handler.responder()).bind(TcpServerTransport.create("0.0.0.0", port)).block();
            log.info("RSocket over TCP on port {}", channel.address().getPort());
        }

        @Override
        public void stop() {
            if (channel != null) {
                channel.dispose();
                channel = null;
            }
        }

        @Override
        public boolean isRunning() {
            return channel != null;
        }

        int port() {
            return channel == null ? -1 : channel.address().getPort();
        }
    }
}
