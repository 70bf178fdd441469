package dev.chat.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

class ManagementAccessTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress REMOTE = new InetSocketAddress("10.1.2.3", 40000);

    private static WebFilter filter(String token) {
        MockEnvironment environment = new MockEnvironment();
        if (token != null) {
            environment.setProperty("chat.management.token", token);
        }
        return new ManagementAccessAutoConfiguration().managementAccess(environment);
    }

    /** The status the filter answered with, or null if it let the request through. */
    private static HttpStatus run(WebFilter filter, MockServerHttpRequest request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        AtomicBoolean passed = new AtomicBoolean();
        filter.filter(exchange, e -> {
            passed.set(true);
            return Mono.empty();
        }).block();
        return passed.get() ? null : HttpStatus.valueOf(exchange.getResponse().getStatusCode().value());
    }

    @Test
    void withoutATokenOnlyThisHostMayChangeSomething() {
        WebFilter filter = filter(null);
        assertThat(run(filter, MockServerHttpRequest.post("/actuator/projections").remoteAddress(REMOTE).build()))
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(run(filter, MockServerHttpRequest.post("/actuator/projections").remoteAddress(LOCAL).build())).isNull();
        assertThat(run(filter, MockServerHttpRequest.post("/actuator/projections")
                .remoteAddress(new InetSocketAddress("::1", 40000)).build())).isNull();
        assertThat(run(filter, MockServerHttpRequest.get("/actuator/health").remoteAddress(REMOTE).build())).isNull();
    }

    @Test
    void otherLoopbackAddressesAreNotThisHost() {
        // The probe's rebuild from 127.0.0.2 with a wrong token was accepted: all of 127/8 counted as this host.
        WebFilter filter = filter(null);
        assertThat(run(filter, MockServerHttpRequest.post("/actuator/projections")
                .remoteAddress(new InetSocketAddress("127.0.0.2", 40000))
                .header("Authorization", "Bearer wrong").build())).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(run(filter, MockServerHttpRequest.post("/actuator/projections")
                .remoteAddress(new InetSocketAddress("127.1.2.3", 40000)).build())).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void withATokenOnlyItsBearerMayChangeSomethingFromAnywhere() {
        WebFilter filter = filter("s3cret");
        assertThat(run(filter, MockServerHttpRequest.post("/actuator/projections").remoteAddress(LOCAL).build()))
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(run(filter, MockServerHttpRequest.post("/actuator/projections").remoteAddress(REMOTE)
                .header("Authorization", "Bearer wrong").build())).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(run(filter, MockServerHttpRequest.post("/actuator/projections").remoteAddress(REMOTE)
                .header("Authorization", "Bearer s3cret").build())).isNull();
        assertThat(run(filter, MockServerHttpRequest.get("/actuator/health").remoteAddress(REMOTE).build())).isNull();
    }
}
