package dev.chat.gateway.web;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * No HTTP observation for a socket's upgrade request ({@code /ws}, {@code /rsocket}): it would stay open — a
 * long-task timer, a span, their key values — for the socket's whole life, a few kilobytes per idle session, and
 * measure nothing a request metric means. Sockets have their own metrics ({@code chat.sessions},
 * {@code chat.connections}, …).
 */
@Configuration(proxyBeanMethods = false)
class SocketObservations {

    @Bean
    ObservationPredicate noObservationOfSocketUpgrades() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && isSocket(request.getCarrier().getPath().value()));
    }

    private static boolean isSocket(String path) {
        return path.equals("/ws") || path.equals("/rsocket");
    }
}
