package dev.chat.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.rsocket.RSocket;
import io.rsocket.exceptions.RejectedSetupException;
import io.rsocket.transport.netty.client.TcpClientTransport;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.tcp.TcpClient;

/**
 * One idle authenticated session, as a client that connects and then only listens: over {@code /ws} (token in
 * the header, {@code join}) or RSocket over TCP (token in the setup, the {@code chat.events} stream). Ready when
 * the gateway says {@code ready}; otherwise it fails with a short reason (HTTP status, reset, closed, …).
 * Reactor Netty without a connection pool, from a chosen loopback source address.
 */
final class IdleSession {

    private static final String JOIN = "{\"event\":\"join\",\"data\":{}}";
    private static final String READY = "\"event\":\"ready\"";

    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile Disposable connection;
    private volatile RSocket rsocket;

    /** Resolves when the session is ready; fails with {@link Failed} saying why not. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    /** Why a session did not get ready, in a few words (the failures are counted by it). */
    static final class Failed extends RuntimeException {
        Failed(String reason) {
            super(reason, null, false, false);
        }
    }

    static IdleSession overWebSocket(URI gateway, InetSocketAddress source, String token) {
        IdleSession session = new IdleSession();
        String url = gateway.toString().replaceFirst("^http", "ws") + "/ws";
        session.connection = HttpClient.newConnection()
                .bindAddress(() -> source)
                .headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token))
                .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(1 << 20).build())
                .uri(url)
                .handle((in, out) -> {
                    in.receiveCloseStatus().subscribe(status -> session.fail("closed " + status.code()));
                    return out.sendString(Mono.just(JOIN)).then()
                            .then(in.receive().asString().doOnNext(text -> {
                                if (text.contains(READY)) {
                                    session.ready.complete(null);
                                }
                            }).then());
                })
                .subscribe(null, e -> session.fail(reason(e)), () -> session.fail("closed"));
        return session;
    }

    static IdleSession overRSocket(String host, int port, InetSocketAddress source, String token) {
        IdleSession session = new IdleSession();
        session.connection = RSocketDevice.connector(token)
                .connect(TcpClientTransport.create(TcpClient.newConnection().bindAddress(() -> source)
                        .host(host).port(port)))
                .flatMapMany(rsocket -> {
                    session.rsocket = rsocket;
                    return rsocket.requestStream(RSocketDevice.payload("chat.events", "{}"));
                })
                .subscribe(payload -> {
                    String json = payload.getDataUtf8();
                    payload.release();
                    if (json.contains(READY)) {
                        session.ready.complete(null);
                    }
                }, e -> session.fail(reason(e)), () -> session.fail("stream ended"));
        return session;
    }

    private void fail(String reason) {
        ready.completeExceptionally(new Failed(reason));
    }

    /** Whether it ended after it was ready (the gateway dropped it while held). */
    boolean endedAfterReady() {
        return ready.isDone() && !ready.isCompletedExceptionally() && connection.isDisposed();
    }

    void close() {
        RSocket current = rsocket;
        if (current != null) {
            current.dispose();
        }
        if (connection != null) {
            connection.dispose();
        }
    }

    private static String reason(Throwable e) {
        if (e instanceof WebSocketClientHandshakeException handshake && handshake.response() != null) {
            return "http " + handshake.response().status().code();
        }
        if (e instanceof RejectedSetupException rejected) {
            return "setup rejected: " + rejected.getMessage().replaceAll(" \\(retry after \\d+ s\\)", "");
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return "connect refused";
        }
        if (e instanceof TimeoutException) {
            return "timeout";
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("Connection reset")) {
            return "reset";
        }
        if (message.contains("Cannot assign requested address")) {
            return "no source port left";
        }
        return e.getClass().getSimpleName();
    }
}
