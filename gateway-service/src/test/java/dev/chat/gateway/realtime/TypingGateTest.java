package dev.chat.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TypingGateTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private final TypingGate gate = new TypingGate(Duration.ofMillis(250), Duration.ofSeconds(3));

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void aFloodOfTypingAndStopTypingIsCoalescedIntoItsLatestState() {
        int published = 0;
        Boolean lastPublished = null;
        boolean typing = true;
        for (int ms = 0; ms < 3000; ms++) {
            if (gate.offer("dm.a.b", "a", typing, at(ms))) {
                published++;
                lastPublished = typing;
            }
            for (TypingGate.Publication held : gate.due(at(ms))) {
                published++;
                lastPublished = held.typing();
            }
            typing = !typing;
        }
        for (TypingGate.Publication held : gate.due(at(3300))) {
            published++;
            lastPublished = held.typing();
        }
        // 3,000 alternations in 3 s: at most one change per 250 ms goes out.
        assertThat(published).isBetween(2, 14);
        // The last word (typing=false at 2999 ms) is what receivers end with — never lost.
        assertThat(lastPublished).isFalse();
        assertThat(gate.due(at(3600))).isEmpty();
    }

    @Test
    void aHeldChangeIsPublishedOnceItsIntervalIsOver() {
        assertThat(gate.offer("dm.a.b", "a", true, at(0))).isTrue();
        assertThat(gate.offer("dm.a.b", "a", false, at(10))).isFalse();
        assertThat(gate.due(at(200))).isEmpty();
        assertThat(gate.due(at(250))).containsExactly(new TypingGate.Publication("dm.a.b", "a", false));
        assertThat(gate.due(at(500))).isEmpty();
    }

    @Test
    void repeatedTypingIsOnlyARefreshEveryRefreshInterval() {
        assertThat(gate.offer("dm.a.b", "a", true, at(0))).isTrue();
        assertThat(gate.offer("dm.a.b", "a", true, at(100))).isFalse();
        assertThat(gate.offer("dm.a.b", "a", true, at(2900))).isFalse();
        assertThat(gate.offer("dm.a.b", "a", true, at(3000))).isTrue();
        assertThat(gate.offer("dm.a.b", "a", false, at(3400))).isTrue();
        assertThat(gate.offer("dm.a.b", "a", false, at(3500))).isFalse();
    }

    @Test
    void aChangeBackWithinTheIntervalCancelsTheHeldOne() {
        assertThat(gate.offer("dm.a.b", "a", true, at(0))).isTrue();
        assertThat(gate.offer("dm.a.b", "a", false, at(10))).isFalse();
        assertThat(gate.offer("dm.a.b", "a", true, at(20))).isFalse();
        assertThat(gate.due(at(300))).isEmpty();
    }

    @Test
    void usersAndConversationsAreLimitedSeparately() {
        assertThat(gate.offer("dm.a.b", "a", true, at(0))).isTrue();
        assertThat(gate.offer("dm.a.c", "a", true, at(1))).isTrue();
        assertThat(gate.offer("dm.a.b", "b", true, at(2))).isTrue();
    }
}
