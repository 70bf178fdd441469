package dev.chat.presence.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.PresenceChanged;
import dev.chat.contracts.SessionClosed;
import dev.chat.contracts.SessionOpened;
import dev.chat.contracts.SessionsHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresenceTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    private final PresenceTracker tracker = new PresenceTracker(Duration.ofSeconds(30), Duration.ofSeconds(5));

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void theFirstSessionBringsAUserOnlineAndTheSecondChangesNothing() {
        assertThat(tracker.apply(new SessionOpened("phone", "alice", "g1", at(0)), at(0)))
                .containsExactly(new PresenceChanged("alice", true, at(0), at(0)));
        assertThat(tracker.apply(new SessionOpened("laptop", "alice", "g2", at(1)), at(1))).isEmpty();
        assertThat(tracker.apply(new SessionClosed("phone", "alice", "g1", at(2)), at(2))).isEmpty();
        assertThat(tracker.tick(at(20))).isEmpty();
        assertThat(tracker.isOnline("alice")).isTrue();
    }

    @Test
    void closingTheLastSessionGoesOfflineOnlyAfterTheGracePeriod() {
        tracker.apply(new SessionOpened("phone", "alice", "g1", at(0)), at(0));
        assertThat(tracker.apply(new SessionClosed("phone", "alice", "g1", at(10)), at(10))).isEmpty();
        assertThat(tracker.tick(at(14))).isEmpty();

        assertThat(tracker.tick(at(15))).containsExactly(new PresenceChanged("alice", false, at(10), at(15)));
        assertThat(tracker.tick(at(16))).isEmpty();
    }

    @Test
    void aReconnectWithinTheGracePeriodEmitsNothing() {
        tracker.apply(new SessionOpened("phone", "alice", "g1", at(0)), at(0));
        tracker.apply(new SessionClosed("phone", "alice", "g1", at(10)), at(10));
        assertThat(tracker.apply(new SessionOpened("phone-2", "alice", "g2", at(12)), at(12))).isEmpty();

        assertThat(tracker.tick(at(30))).isEmpty();
        assertThat(tracker.isOnline("alice")).isTrue();
    }

    @Test
    void sessionsOfADeadGatewayExpireWithoutHeartbeats() {
        tracker.apply(new SessionOpened("phone", "alice", "g1", at(0)), at(0));
        tracker.apply(new SessionsHeartbeat("alice", "g1", List.of("phone"), at(10)), at(10));
        assertThat(tracker.tick(at(39))).isEmpty();

        // Last heard of at 10 s; expiry 30 s; no grace on top of an expiry.
        assertThat(tracker.tick(at(40))).containsExactly(new PresenceChanged("alice", false, at(10), at(40)));
    }

    @Test
    void heartbeatsKeepSessionsAliveAndDropOnesTheGatewayNoLongerHolds() {
        tracker.apply(new SessionOpened("phone", "alice", "g1", at(0)), at(0));
        tracker.apply(new SessionOpened("tab", "alice", "g1", at(0)), at(0));
        for (int s = 10; s <= 100; s += 10) {
            tracker.apply(new SessionsHeartbeat("alice", "g1", List.of("phone", "tab"), at(s)), at(s));
            assertThat(tracker.tick(at(s))).isEmpty();
        }
        // The close of "tab" was lost, the heartbeat says only "phone" is left; then "phone" closes.
        tracker.apply(new SessionsHeartbeat("alice", "g1", List.of("phone"), at(110)), at(110));
        tracker.apply(new SessionClosed("phone", "alice", "g1", at(111)), at(111));
        assertThat(tracker.tick(at(116))).containsExactly(new PresenceChanged("alice", false, at(111), at(116)));
    }

    @Test
    void aHeartbeatForAnUnknownSessionBringsTheUserOnline() {
        assertThat(tracker.apply(new SessionsHeartbeat("bob", "g1", List.of("s1"), at(3)), at(3)))
                .containsExactly(new PresenceChanged("bob", true, at(3), at(3)));
    }

    @Test
    void aRestoredOnlineUserStaysOnlineIfHeartbeatsResumeAndGoesOfflineIfNot() {
        tracker.restoreOnline("alice", at(0), at(0));
        tracker.restoreOnline("bob", at(0), at(0));
        assertThat(tracker.apply(new SessionsHeartbeat("alice", "g1", List.of("s1"), at(10)), at(10))).isEmpty();

        assertThat(tracker.tick(at(30))).containsExactly(new PresenceChanged("bob", false, at(0), at(30)));
        assertThat(tracker.isOnline("alice")).isTrue();
    }

    @Test
    void forgottenUsersAreNeitherTrackedNorAnnounced() {
        tracker.apply(new SessionOpened("phone", "alice", "g1", at(0)), at(0));
        tracker.forget("alice"::equals);

        assertThat(tracker.tick(at(100))).isEmpty();
        assertThat(tracker.isOnline("alice")).isFalse();
    }
}
