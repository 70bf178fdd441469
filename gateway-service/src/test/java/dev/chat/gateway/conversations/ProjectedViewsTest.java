package dev.chat.gateway.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ProjectedViewsTest {

    private final ProjectedViews views = new ProjectedViews();

    @Test
    void aWaitForVersionEndsWhenTheViewArrivesOrAtOnceIfItHad() {
        AtomicBoolean done = new AtomicBoolean();
        views.awaitVersion("dm.a.b", 3, Duration.ofMinutes(1)).doOnSuccess(nothing -> done.set(true)).subscribe();
        views.seen("dm.a.b", 2);
        assertThat(done).isFalse();
        views.seen("dm.a.b", 3);
        await().untilTrue(done);
        assertThat(views.awaitVersion("dm.a.b", 3, Duration.ofMinutes(1)).block(Duration.ofSeconds(5))).isNull();
    }

    @Test
    void aWaitForProgressEndsWithTheNextViewOfAnyConversation() {
        long mark = views.progress();
        AtomicBoolean done = new AtomicBoolean();
        views.awaitProgressPast(mark, Duration.ofMinutes(1)).doOnSuccess(nothing -> done.set(true)).subscribe();
        assertThat(done).isFalse();

        views.seen("grp.other", 7);

        await().untilTrue(done);
        assertThat(views.progress()).isGreaterThan(mark);
    }

    @Test
    void aViewSeenBetweenTheMarkAndTheWaitCountsAndWithoutOneTheWaitTimesOutUnchanged() {
        long mark = views.progress();
        views.seen("dm.a.b", 1);
        views.awaitProgressPast(mark, Duration.ofMinutes(1)).block(Duration.ofSeconds(5));

        long later = views.progress();
        views.awaitProgressPast(later, Duration.ofMillis(50)).block(Duration.ofSeconds(5));
        assertThat(views.progress()).isEqualTo(later);
    }
}
