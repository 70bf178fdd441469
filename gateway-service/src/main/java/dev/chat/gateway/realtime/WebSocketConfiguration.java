package dev.chat.gateway.realtime;

import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.web.ApiErrors;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Serves {@link WebSocketEndpoint} at {@code /ws} with the frame size limit, and admits each handshake through
 * {@link Admission}: a refused one gets 503 with {@code Retry-After} and {@code {success:false, message}} before
 * anything is allocated for it; an admitted one carries its ticket to the endpoint.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

    /** The socket attribute with the user whose token the handshake's {@code Authorization} header carried. */
    static final String VERIFIED_USER = WebSocketConfiguration.class.getName() + ".user";

    @Bean
    HandlerMapping chatWebSocketMapping(WebSocketEndpoint endpoint) {
        return new SimpleUrlHandlerMapping(Map.of("/ws", endpoint), -1);
    }

    /** Socket.IO's one path, for both of its transports (the endpoint tells them apart by the query). */
    @Bean
    HandlerMapping socketIoMapping(SocketIoEndpoint endpoint) {
        return new SimpleUrlHandlerMapping(Map.of("/socket.io/", endpoint, "/socket.io", endpoint), -1);
    }

    /** Frames above the soft limit get an error frame; four times that closes the socket (1009). */
    @Bean
    WebFluxConfigurer chatWebSocketService(GatewayProperties properties, Admission admission, TokenVerifier tokens) {
        int hardLimit = properties.realtime().maxFrameBytes() * 4;
        return new WebFluxConfigurer() {
            @Override
            public WebSocketService getWebSocketService() {
                AdmittingWebSocketService service = new AdmittingWebSocketService(admission, tokens,
                        new ReactorNettyRequestUpgradeStrategy(
                                () -> WebsocketServerSpec.builder().maxFramePayloadLength(hardLimit)));
                return service;
            }
        };
    }

    private static final class AdmittingWebSocketService extends HandshakeWebSocketService {

        private final Admission admission;
        private final TokenVerifier tokens;

        AdmittingWebSocketService(Admission admission, TokenVerifier tokens, ReactorNettyRequestUpgradeStrategy strategy) {
            super(strategy);
            this.admission = admission;
            this.tokens = tokens;
        }

        /**
         * A token in the {@code Authorization} header is checked here, once (the security filter chain leaves
         * {@code /ws} alone): a bad one, or another scheme than Bearer, is 401 with the reason; a good one's user
         * goes to the endpoint with the socket.
         */
        @Override
        public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header == null) {
                return admit(exchange, handler, null);
            }
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return ApiErrors.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED,
                        "the Authorization header must be 'Bearer <token>'");
            }
            return tokens.userId(header)
                    .flatMap(userId -> admit(exchange, handler, userId))
                    .onErrorResume(FrameException.class,
                            e -> ApiErrors.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, e.getMessage()));
        }

        private Mono<Void> admit(ServerWebExchange exchange, WebSocketHandler handler, String verifiedUser) {
            Admission.Decision decision = admission.admit();
            if (decision instanceof Admission.Refused refused) {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                        Long.toString(refused.retryAfter().toSeconds()));
                return ApiErrors.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, refused.message());
            }
            Admission.Ticket ticket = (Admission.Ticket) decision;
            // Once upgraded the socket holds the ticket (the endpoint finds it in the socket's attributes) until it
            // closes; a handshake that fails first gives it back.
            WebSocketHandler admitted = socket -> {
                socket.getAttributes().put(Admission.TICKET, ticket.claim());
                if (verifiedUser != null) {
                    socket.getAttributes().put(VERIFIED_USER, verifiedUser);
                }
                return handler.handle(socket).doFinally(signal -> ticket.closed());
            };
            return super.handleRequest(exchange, admitted).doOnError(e -> ticket.unclaimed())
                    .doOnCancel(ticket::unclaimed);
        }
    }
}
