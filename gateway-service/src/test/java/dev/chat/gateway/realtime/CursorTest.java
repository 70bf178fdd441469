package dev.chat.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void positionsRoundTripWhateverTheirOrder() {
        String cursor = Cursor.encode(Map.of(2, 7L, 0, 15L, 1, 0L));

        assertThat(cursor).startsWith("c1.");
        assertThat(Cursor.decode(cursor)).contains(Map.of(0, 15L, 1, 0L, 2, 7L));
        assertThat(Cursor.encode(Map.of(0, 15L, 1, 0L, 2, 7L))).isEqualTo(cursor);
    }

    @Test
    void textThisServerDidNotWriteIsNoCursor() {
        assertThat(Cursor.decode(null)).isEmpty();
        assertThat(Cursor.decode("")).isEmpty();
        assertThat(Cursor.decode("x")).isEmpty();
        assertThat(Cursor.decode("c1.!!!not base64")).isEmpty();
        assertThat(Cursor.decode("c1." + base64("0:1:2"))).isEmpty();
        assertThat(Cursor.decode("c1." + base64("0:-1"))).isEmpty();
        assertThat(Cursor.decode("c1." + base64("-1:4"))).isEmpty();
        assertThat(Cursor.decode("c1." + base64("0:abc"))).isEmpty();
        assertThat(Cursor.decode("c2." + base64("0:1"))).isEmpty();
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
