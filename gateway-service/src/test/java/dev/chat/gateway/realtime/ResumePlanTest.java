package dev.chat.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ResumePlanTest {

    private static final Map<Integer, Long> BEGINNING = Map.of(0, 10L, 1, 0L);
    private static final Map<Integer, Long> END = Map.of(0, 100L, 1, 50L);

    @Test
    void withoutACursorTheStreamStartsAtTheEndAndTheLogIsNotAsked() {
        AtomicInteger asked = new AtomicInteger();
        Supplier<Map<Integer, Long>> beginning = () -> {
            asked.incrementAndGet();
            return BEGINNING;
        };

        ResumePlan plan = ResumePlan.of(null, beginning, END, 1000);
        assertThat(plan.replays()).isFalse();
        assertThat(plan.reloadReason()).isNull();
        assertThat(asked).hasValue(0);
    }

    @Test
    void anEmptyCursorIsNotNoCursorTheClientIsToldToReload() {
        for (String empty : new String[] {"", "  "}) {
            ResumePlan plan = ResumePlan.of(empty, () -> BEGINNING, END, 1000);
            assertThat(plan.replays()).isFalse();
            assertThat(plan.reloadReason()).contains("empty");
        }
    }

    @Test
    void aReachableCursorIsReplayedFrom() {
        ResumePlan plan = ResumePlan.of(Cursor.encode(Map.of(0, 40L, 1, 50L)), () -> BEGINNING, END, 1000);

        assertThat(plan.replays()).isTrue();
        assertThat(plan.replayFrom()).isEqualTo(Map.of(0, 40L, 1, 50L));
        assertThat(plan.reloadReason()).isNull();
    }

    @Test
    void theCursorAtTheVeryEndOrBeginningIsStillReachable() {
        assertThat(ResumePlan.of(Cursor.encode(END), () -> BEGINNING, END, 0).replays()).isTrue();
        assertThat(ResumePlan.of(Cursor.encode(BEGINNING), () -> BEGINNING, END, 140).replays()).isTrue();
    }

    @Test
    void aCursorThatCannotBeHonouredStartsAtTheEndWithTheReason() {
        assertThat(reload("garbage")).isEqualTo("the cursor is not one this server issued");
        assertThat(reload(Cursor.encode(Map.of(0, 40L)))).isEqualTo("the event log's partitions changed; reload");
        assertThat(reload(Cursor.encode(Map.of(0, 40L, 1, 50L, 2, 0L))))
                .isEqualTo("the event log's partitions changed; reload");
        assertThat(reload(Cursor.encode(Map.of(0, 9L, 1, 50L)))).isEqualTo("the cursor points outside the event log; reload");
        assertThat(reload(Cursor.encode(Map.of(0, 101L, 1, 50L)))).isEqualTo("the cursor points outside the event log; reload");
    }

    @Test
    void aCursorTooFarBehindIsToldToReload() {
        String cursor = Cursor.encode(Map.of(0, 50L, 1, 40L)); // 50 + 10 behind

        assertThat(ResumePlan.of(cursor, () -> BEGINNING, END, 60).replays()).isTrue();
        ResumePlan tooFar = ResumePlan.of(cursor, () -> BEGINNING, END, 59);
        assertThat(tooFar.replays()).isFalse();
        assertThat(tooFar.reloadReason())
                .isEqualTo("too far behind to replay (60 events since your cursor); reload the conversations");
    }

    private static String reload(String cursor) {
        ResumePlan plan = ResumePlan.of(cursor, () -> BEGINNING, END, 1000);
        assertThat(plan.replays()).isFalse();
        return plan.reloadReason();
    }
}
