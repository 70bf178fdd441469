package dev.chat.gateway.realtime;

import dev.chat.gateway.GatewayProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Socket.IO at {@code /socket.io/} on the gateway's own port: Engine.IO 4 over HTTP long-polling (the clients'
 * default start) and WebSocket, the upgrade from one to the other, the heartbeat, and admission as for
 * {@code /ws}. Each session's packets go to its {@link SocketIoConnection}; this class only moves bytes.
 */
@Component
class SocketIoEndpoint implements WebHandler, SmartLifecycle {

    /** A session whose client sends no CONNECT within this is closed (as {@code /ws} waits for its auth frame). */
    private static final long CONNECT_TIMEOUT_MS = 10_000;

    private final SocketIoConnection.Core core;
    private final SocketIoPeers peers;
    private final Admission admission;
    private final Map<String, SocketIoConnection> connections = new ConcurrentHashMap<>();
    private final HandshakeWebSocketService websockets;
    private final long pingInterval;
    private final long pingTimeout;
    private final int maxPayload;
    private final int maxBuffered;
    private volatile Disposable heartbeat;

    SocketIoEndpoint(SessionRegistry sessions, StreamStarter starter, SocketDispatcher dispatcher, TokenVerifier tokens,
            SocketIoWire wire, Admission admission, SocketIoPeers peers, GatewayProperties properties) {
        this.core = new SocketIoConnection.Core(sessions, starter, dispatcher, tokens, wire);
        this.peers = peers;
        this.admission = admission;
        GatewayProperties.Realtime realtime = properties.realtime();
        this.pingInterval = realtime.socketIoPingInterval().toMillis();
        this.pingTimeout = realtime.socketIoPingTimeout().toMillis();
        this.maxPayload = realtime.maxFrameBytes();
        this.maxBuffered = realtime.sessionBuffer();
        this.websockets = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(maxPayload)));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        ServerHttpResponse response = exchange.getResponse();
        if (!"4".equals(query.getFirst("EIO"))) {
            return error(response, 5, "Unsupported protocol version");
        }
        String transport = query.getFirst("transport");
        String sid = query.getFirst("sid");
        HttpMethod method = exchange.getRequest().getMethod();
        if ("websocket".equals(transport)) {
            if (sid != null && !connections.containsKey(sid)) {
                Optional<URI> owner = peers.elsewhere(sid, exchange.getRequest().getHeaders());
                if (owner.isPresent()) {
                    return websockets.handleRequest(exchange, socket -> peers.forward(socket, owner.get()));
                }
            }
            return websockets.handleRequest(exchange, sid == null ? this::freshSocket : socket -> upgrade(socket, sid));
        }
        if (!"polling".equals(transport)) {
            return error(response, 0, "Transport unknown");
        }
        if (sid == null) {
            return HttpMethod.GET.equals(method) ? handshake(exchange) : error(response, 2, "Bad handshake method");
        }
        SocketIoConnection connection = connections.get(sid);
        if (connection == null) {
            return peers.elsewhere(sid, exchange.getRequest().getHeaders())
                    // The gateway named is gone (or did not answer in time): so is the session.
                    .map(owner -> peers.forward(exchange, owner)
                            .onErrorResume(e -> !response.isCommitted(), e -> error(response, 1, "Session ID unknown")))
                    .orElseGet(() -> error(response, 1, "Session ID unknown"));
        }
        if (HttpMethod.GET.equals(method)) {
            return connection.engine().poll()
                    .flatMap(packets -> text(response, HttpStatus.OK, packets))
                    .onErrorResume(EngineIoSession.Refused.class, e -> error(response, 1, e.getMessage()));
        }
        if (HttpMethod.POST.equals(method)) {
            return DataBufferUtils.join(exchange.getRequest().getBody(), maxPayload)
                    .map(buffer -> {
                        String body = buffer.toString(StandardCharsets.UTF_8);
                        DataBufferUtils.release(buffer);
                        return body;
                    })
                    .defaultIfEmpty("")
                    .flatMap(body -> {
                        connection.engine().posted(body);
                        return text(response, HttpStatus.OK, "ok");
                    })
                    .onErrorResume(EngineIoSession.Refused.class, e -> error(response, 1, e.getMessage()))
                    .onErrorResume(org.springframework.core.io.buffer.DataBufferLimitException.class, e -> {
                        connection.engine().close();
                        return error(response, 1, "payload over " + maxPayload + " bytes");
                    });
        }
        return error(response, 2, "Bad request method");
    }

    /** A new polling session: admitted as a /ws handshake is, answered with the open packet. */
    private Mono<Void> handshake(ServerWebExchange exchange) {
        Admission.Decision decision = admission.admit();
        if (decision instanceof Admission.Refused refused) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                    Long.toString(refused.retryAfter().toSeconds()));
            return error(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, 3, refused.message());
        }
        SocketIoConnection connection = open(false, header(exchange), (Admission.Ticket) decision);
        return text(exchange.getResponse(), HttpStatus.OK, EngineIoPackets.open(connection.engine().sid(), true,
                pingInterval, pingTimeout, maxPayload));
    }

    private SocketIoConnection open(boolean websocket, String headerToken, Admission.Ticket ticket) {
        Admission.Ticket held = ticket.claim();
        held.started();
        String sid = peers.newSid();
        SocketIoConnection connection = new SocketIoConnection(core, sid, websocket, headerToken, maxBuffered, () -> {
            connections.remove(sid);
            held.closed();
        });
        connections.put(sid, connection);
        return connection;
    }

    /** A session that starts on WebSocket (no upgrades to offer). */
    private Mono<Void> freshSocket(WebSocketSession socket) {
        Admission.Decision decision = admission.admit();
        if (decision instanceof Admission.Refused refused) {
            return socket.close(org.springframework.web.reactive.socket.CloseStatus.SERVICE_OVERLOAD
                    .withReason(refused.message()));
        }
        SocketIoConnection connection = open(true, header(socket.getHandshakeInfo().getHeaders()),
                (Admission.Ticket) decision);
        EngineIoSession engine = connection.engine();
        Sinks.Many<String> out = engine.attach();
        engine.send(EngineIoPackets.open(engine.sid(), false, pingInterval, pingTimeout, maxPayload));
        Mono<Void> input = socket.receive().doOnNext(message -> received(engine, message)).then();
        // The session ending completes its packets: the socket is closed then, whoever ended it.
        return Mono.when(input, socket.send(out.asFlux().map(socket::textMessage)).then(Mono.defer(socket::close)))
                .doFinally(signal -> engine.close());
    }

    /** The upgrade of a polling session: the probe, then {@code 5}, then everything over this socket. */
    private Mono<Void> upgrade(WebSocketSession socket, String sid) {
        SocketIoConnection connection = connections.get(sid);
        if (connection == null || !connection.engine().polling()) {
            return socket.close(org.springframework.web.reactive.socket.CloseStatus.POLICY_VIOLATION
                    .withReason("Session ID unknown"));
        }
        EngineIoSession engine = connection.engine();
        Sinks.Many<String> out = engine.attach();
        Mono<Void> input = socket.receive().doOnNext(message -> {
            String text = message.getType() == WebSocketMessage.Type.TEXT ? message.getPayloadAsText() : null;
            if ((EngineIoPackets.PING + EngineIoPackets.PROBE).equals(text)) {
                engine.probed(out);
            } else if (String.valueOf(EngineIoPackets.UPGRADE).equals(text)) {
                engine.upgraded();
            } else {
                received(engine, message);
            }
        }).then();
        // The session ending completes its packets: the socket is closed then, whoever ended it.
        return Mono.when(input, socket.send(out.asFlux().map(socket::textMessage)).then(Mono.defer(socket::close)))
                .doFinally(signal -> {
                    if (engine.polling()) {
                        engine.upgradeAbandoned();
                    } else {
                        engine.close();
                    }
                });
    }

    private static void received(EngineIoSession engine, WebSocketMessage message) {
        if (message.getType() == WebSocketMessage.Type.TEXT) {
            String text = message.getPayloadAsText();
            if (!EngineIoPackets.wellFormed(text)) {
                engine.close();
                return;
            }
            engine.received(text);
        } else if (message.getType() == WebSocketMessage.Type.BINARY) {
            engine.received("b");
        }
    }

    private static String header(ServerWebExchange exchange) {
        return header(exchange.getRequest().getHeaders());
    }

    private static String header(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization : null;
    }

    private static Mono<Void> text(ServerHttpResponse response, HttpStatus status, String body) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(new MediaType("text", "plain", StandardCharsets.UTF_8));
        response.getHeaders().setCacheControl("no-store");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    private static Mono<Void> error(ServerHttpResponse response, int code, String message) {
        return error(response, HttpStatus.BAD_REQUEST, code, message);
    }

    /** Engine.IO's error body: {@code {"code": n, "message": "…"}}. */
    private static Mono<Void> error(ServerHttpResponse response, HttpStatus status, int code, String message) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = dev.chat.contracts.ChatJson.mapper().writeValueAsBytes(Map.of("code", code, "message", message));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    // --- the heartbeat of every session, in one timer ---

    @Override
    public void start() {
        long every = Math.max(50, Math.min(1000, Math.min(pingInterval, pingTimeout) / 4));
        heartbeat = Flux.interval(Duration.ofMillis(every)).subscribe(tick -> {
            long now = System.currentTimeMillis();
            connections.values().forEach(c -> {
                if (c.neverConnected(now, CONNECT_TIMEOUT_MS)) {
                    c.engine().close();
                } else {
                    c.engine().heartbeat(now, pingInterval, pingTimeout);
                }
            });
        });
    }

    @Override
    public void stop() {
        Disposable timer = heartbeat;
        if (timer != null) {
            timer.dispose();
        }
        connections.values().forEach(c -> c.engine().close());
    }

    @Override
    public boolean isRunning() {
        return heartbeat != null && !heartbeat.isDisposed();
    }
}
