package dev.chat.gateway.realtime;

import dev.chat.gateway.GatewayProperties;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Socket.IO across several gateways without sticky sessions. A session's id names the gateway that holds it
 * ({@code <random>.<its URL>.<signature>}), signed with a key every gateway shares, so that no client can make a
 * gateway call an address of its choosing; a polling request or WebSocket upgrade that reaches another gateway is
 * forwarded to the one named, once (a forwarded request is never forwarded again).
 */
@Component
class SocketIoPeers implements ApplicationListener<ReactiveWebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(SocketIoPeers.class);
    /** Marks a request one gateway forwarded to another: the owner answers it itself or says the session is unknown. */
    static final String FORWARDED = "X-Chat-SocketIo-Forwarded";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final int SIGNATURE_BYTES = 12;

    private final SecretKeySpec key;
    private final String configuredUrl;
    private final WebClient http;
    private final ReactorNettyWebSocketClient sockets;
    private volatile String self;

    SocketIoPeers(GatewayProperties properties) {
        this.key = new SecretKeySpec(secret(properties), "HmacSHA256");
        this.configuredUrl = StringUtils.hasText(properties.peerUrl()) ? properties.peerUrl().replaceAll("/+$", "")
                : null;
        this.self = configuredUrl;
        GatewayProperties.Realtime realtime = properties.realtime();
        // A poll waits up to a ping interval for packets; the owner ends it by then, or the session is dead.
        Duration longest = realtime.socketIoPingInterval().plus(realtime.socketIoPingTimeout());
        HttpClient client = HttpClient.create().responseTimeout(longest);
        this.http = WebClient.builder().clientConnector(new ReactorClientHttpConnector(client)).build();
        this.sockets = new ReactorNettyWebSocketClient(client,
                () -> reactor.netty.http.client.WebsocketClientSpec.builder()
                        .maxFramePayloadLength(realtime.maxFrameBytes()));
    }

    /**
     * The shared key: {@code CHAT_GATEWAY_PEER_SECRET}, else the HS256 token secret (which every gateway must share
     * anyway); with tokens from an issuer and no peer secret, a key of this instance's own — its sessions are then
     * served by it alone, and a request for them reaching another gateway is refused as an unknown session.
     */
    private static byte[] secret(GatewayProperties properties) {
        if (StringUtils.hasText(properties.peerSecret())) {
            return properties.peerSecret().getBytes(StandardCharsets.UTF_8);
        }
        if (!StringUtils.hasText(properties.jwtIssuerUri()) && !StringUtils.hasText(properties.jwtJwkSetUri())) {
            return ("socket.io-peers:" + properties.jwtSecret()).getBytes(StandardCharsets.UTF_8);
        }
        log.warn("CHAT_GATEWAY_PEER_SECRET is not set: Socket.IO polling sessions are served only by the gateway that"
                + " opened them (a load balancer must keep them there)");
        byte[] own = new byte[32];
        RANDOM.nextBytes(own);
        return own;
    }

    @Override
    public void onApplicationEvent(ReactiveWebServerInitializedEvent event) {
        if (configuredUrl == null) {
            self = "http://" + hostAddress() + ":" + event.getWebServer().getPort();
        }
    }

    private static String hostAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** A new session id naming this gateway. */
    String newSid() {
        byte[] random = new byte[15];
        RANDOM.nextBytes(random);
        String body = BASE64.encodeToString(random) + "." + BASE64.encodeToString(
                String.valueOf(self).getBytes(StandardCharsets.UTF_8));
        return body + "." + signature(body);
    }

    /** The gateway holding {@code sid} when it is another one (and the id is genuine); empty otherwise. */
    Optional<URI> elsewhere(String sid, HttpHeaders headers) {
        if (headers.containsHeader(FORWARDED)) {
            return Optional.empty();
        }
        int last = sid.lastIndexOf('.');
        int first = sid.indexOf('.');
        if (first < 0 || last <= first) {
            return Optional.empty();
        }
        String body = sid.substring(0, last);
        if (!MessageDigest.isEqual(signature(body).getBytes(StandardCharsets.US_ASCII),
                sid.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            String owner = new String(Base64.getUrlDecoder().decode(sid.substring(first + 1, last)),
                    StandardCharsets.UTF_8);
            return owner.equals(self) ? Optional.empty() : Optional.of(URI.create(owner));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String signature(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
            return BASE64.encodeToString(java.util.Arrays.copyOf(full, SIGNATURE_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Forwards a polling GET or POST to the session's gateway and answers with whatever it answered. */
    Mono<Void> forward(ServerWebExchange exchange, URI owner) {
        ServerHttpRequest request = exchange.getRequest();
        ServerHttpResponse response = exchange.getResponse();
        URI target = URI.create(owner + request.getPath().value() + "?" + request.getURI().getRawQuery());
        WebClient.RequestBodySpec call = http.method(request.getMethod()).uri(target).headers(headers -> {
            headers.set(FORWARDED, "1");
            copy(request.getHeaders(), headers, HttpHeaders.CONTENT_TYPE, HttpHeaders.ORIGIN, HttpHeaders.USER_AGENT);
        });
        WebClient.RequestHeadersSpec<?> withBody = org.springframework.http.HttpMethod.POST.equals(request.getMethod())
                ? call.body(BodyInserters.fromDataBuffers(request.getBody())) : call;
        return withBody.exchangeToMono(answer -> {
            response.setStatusCode(answer.statusCode());
            copy(answer.headers().asHttpHeaders(), response.getHeaders(), HttpHeaders.CONTENT_TYPE,
                    HttpHeaders.CACHE_CONTROL);
            return response.writeWith(answer.bodyToFlux(DataBuffer.class));
        });
    }

    /** Carries an upgrade's WebSocket through to the session's gateway, frame for frame, both ways. */
    Mono<Void> forward(WebSocketSession socket, URI owner) {
        URI handshake = socket.getHandshakeInfo().getUri();
        URI target = URI.create(owner.toString().replaceFirst("^http", "ws") + handshake.getRawPath() + "?"
                + handshake.getRawQuery());
        HttpHeaders headers = new HttpHeaders();
        headers.set(FORWARDED, "1");
        copy(socket.getHandshakeInfo().getHeaders(), headers, HttpHeaders.ORIGIN, HttpHeaders.USER_AGENT);
        return sockets.execute(target, headers, upstream -> Mono.when(
                        upstream.send(socket.receive().filter(SocketIoPeers::data).map(message -> relay(message, upstream)))
                                .then(Mono.defer(upstream::close)),
                        socket.send(upstream.receive().filter(SocketIoPeers::data).map(message -> relay(message, socket)))
                                .then(Mono.defer(socket::close))))
                .onErrorResume(e -> socket.close(org.springframework.web.reactive.socket.CloseStatus.SERVER_ERROR
                        .withReason("the session's gateway cannot be reached")));
    }

    /** Text and binary frames are the session's; pings and pongs belong to each hop's own connection. */
    private static boolean data(WebSocketMessage message) {
        return message.getType() == WebSocketMessage.Type.TEXT || message.getType() == WebSocketMessage.Type.BINARY;
    }

    private static WebSocketMessage relay(WebSocketMessage message, WebSocketSession to) {
        if (message.getType() == WebSocketMessage.Type.TEXT) {
            return to.textMessage(message.getPayloadAsText());
        }
        byte[] bytes = new byte[message.getPayload().readableByteCount()];
        message.getPayload().read(bytes);
        return to.binaryMessage(factory -> factory.wrap(bytes));
    }

    private static void copy(HttpHeaders from, HttpHeaders to, String... names) {
        for (String name : names) {
            String value = from.getFirst(name);
            if (value != null) {
                to.set(name, value);
            }
        }
    }
}
