package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.ChatJson;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.JsonNode;

/**
 * The web client's reconnect delays, in the browser, on the client's own module: spread at random under a
 * ceiling that doubles per failed attempt, and the delay a stopping gateway gives in its {@code reconnect} frame
 * honoured. The socket and the timer are stand-ins, so the test sees every delay the client chooses.
 */
@SharedPlatforms.Shared(SharedPlatforms.Shape.WEB)
class WebClientReconnectBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();

    private static final String SCRIPT = """
            const done = arguments[arguments.length - 1];
            import('/app/live.js').then(m => {
              const samples = [];
              for (let attempt = 0; attempt < 8; attempt++) {
                const delays = [];
                for (let i = 0; i < 200; i++) delays.push(m.reconnectDelay(attempt));
                samples.push(delays);
              }
              const chosen = [];
              const realTimeout = window.setTimeout, RealSocket = window.WebSocket;
              class StandIn { constructor() { StandIn.last = this; this.readyState = 1; } send() {} close() {} }
              window.setTimeout = (fn, ms) => { chosen.push(ms); return 0; };
              window.WebSocket = StandIn;
              try {
                const live = new m.Live(() => 'token', { frame() {}, connected() {}, disconnected() {} });
                live.start();
                const frame = (f) => StandIn.last.onmessage({ data: JSON.stringify(f) });
                frame({ event: 'ready', data: {}, cursor: 'c1' });
                frame({ event: 'reconnect', data: { reason: 'restarting', retryAfterMs: 2345 }, cursor: 'c2' });
                StandIn.last.onclose();
                for (let failed = 0; failed < 3; failed++) { live.connect(); StandIn.last.onclose(); }
                done(JSON.stringify({ samples, chosen, cursor: live.cursor, base: m.BASE_DELAY_MS, max: m.MAX_DELAY_MS }));
              } finally {
                window.setTimeout = realTimeout;
                window.WebSocket = RealSocket;
              }
            }).catch(e => done(JSON.stringify({ error: String(e) })));
            """;

    @Test
    void reconnectsAreSpreadAtRandomUnderADoublingCeilingAndAStoppingGatewaysDelayIsHonoured() {
        WebDriver browser = browsers.launch(800, 600);
        browser.get(WebPlatform.base());
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        JsonNode result = ChatJson.mapper().readTree((String) ((JavascriptExecutor) browser).executeAsyncScript(SCRIPT));
        assertThat(result.has("error")).as(result.toString()).isFalse();

        long base = result.path("base").asLong();
        long max = result.path("max").asLong();
        for (int attempt = 0; attempt < 8; attempt++) {
            long ceiling = Math.min(max, base << attempt);
            JsonNode delays = result.path("samples").get(attempt);
            long distinct = delays.valueStream().map(JsonNode::asLong).distinct().count();
            assertThat(delays.valueStream().mapToLong(JsonNode::asLong))
                    .allSatisfy(ms -> assertThat(ms).isBetween(0L, ceiling - 1));
            // Spread over the whole range: some in its lower and some in its upper quarter, hardly any twice.
            assertThat(delays.valueStream().mapToLong(JsonNode::asLong).filter(ms -> ms < ceiling / 4)).isNotEmpty();
            assertThat(delays.valueStream().mapToLong(JsonNode::asLong).filter(ms -> ms >= ceiling * 3 / 4)).isNotEmpty();
            assertThat(distinct).isGreaterThan(150);
        }

        JsonNode chosen = result.path("chosen");
        // After the gateway's reconnect frame: exactly its delay, resuming from that frame's cursor.
        assertThat(chosen.get(0).asLong()).isEqualTo(2345);
        assertThat(result.path("cursor").asString()).isEqualTo("c2");
        // Then, attempts that fail: random, under 1 s, 2 s, 4 s.
        for (int failed = 1; failed <= 3; failed++) {
            assertThat(chosen.get(failed).asLong()).isBetween(0L, (base << failed) - 1);
        }
    }
}
