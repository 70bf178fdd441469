package dev.chat.gateway.realtime;

import dev.chat.gateway.GatewayProperties;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;

/** Serves {@link WebSocketEndpoint} at {@code /ws} with the frame size limit. */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

    @Bean
    HandlerMapping chatWebSocketMapping(WebSocketEndpoint endpoint) {
        return new SimpleUrlHandlerMapping(Map.of("/ws", endpoint), -1);
    }

    /** Frames above the soft limit get an error frame; four times that closes the socket (1009). */
    @Bean
    WebFluxConfigurer chatWebSocketService(GatewayProperties properties) {
        int hardLimit = properties.realtime().maxFrameBytes() * 4;
        return new WebFluxConfigurer() {
            @Override
            public WebSocketService getWebSocketService() {
                return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                        () -> WebsocketServerSpec.builder().maxFramePayloadLength(hardLimit)));
            }
        };
    }
}
