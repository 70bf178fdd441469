package dev.chat.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReactionsTest {

    @Test
    void oneEmojiAsPeopleSeeItIsAReaction() {
        List<String> emojis = List.of(
                "\uD83D\uDC4D", // thumbs up
                "\uD83D\uDC4D\uD83C\uDFFD", // with a skin tone
                "\uD83C\uDDEB\uD83C\uDDF7", // a flag
                "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66", // a family: 7 code points
                "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08", // rainbow flag
                "1\uFE0F\u20E3", // keycap
                "\u2764\uFE0F", // red heart with its selector
                "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F", // Scotland (tags)
                "thumbsup", "+1", "party_parrot");
        for (String emoji : emojis) {
            assertThat(Reactions.isReaction(emoji)).as("a reaction: %s", codePoints(emoji)).isTrue();
        }
    }

    @Test
    void anythingElseIsNot() {
        String thumbs = "\uD83D\uDC4D";
        List<String> refused = List.of(
                "", " ", "Thumbs Up", "x".repeat(33), ".", "$",
                thumbs + thumbs, // two emojis
                thumbs + "\u0301".repeat(20_000), // the probe's 40 KB "emoji"
                thumbs + "\u0301".repeat(10), // one cluster, but 11 code points
                "\u0301", // a lone combining mark
                "\uFE0F", // a lone variation selector
                "\u200D" + thumbs, // starting with a joiner
                "\u200B", // zero-width space
                "\uD83D", // a lone surrogate (UTF-8 would make it '?')
                "\uFFFD", // what %FF or %ED%A0%80 decode to
                "\uFDD0", "\uFFFE", // noncharacters
                "\uE000", // private use
                thumbs + "\u202E", // a bidi override inside
                "\u0007");
        for (String emoji : refused) {
            assertThat(Reactions.isReaction(emoji)).as("refused: %s", codePoints(emoji)).isFalse();
        }
        assertThat(Reactions.problem(thumbs + "\u0301".repeat(20_000))).contains(Reactions.RULE);
        assertThat(Reactions.isReaction(null)).isFalse();
    }

    @Test
    void namesAreWellFormedAndPrintable() {
        assertThat(Text.isPrintableName("Book club \uD83D\uDCDA")).isTrue();
        assertThat(Text.isPrintableName("Caf\u00E9 \u05E2\u05D1\u05E8\u05D9\u05EA")).as("Hebrew, no controls").isTrue();
        for (String bad : List.of("a\u0000b", "a\nb", "bell\u0007", "\u001B[31mred", "\u009Bc1", "abc\u202Edcb",
                "\u2066isolate", "\uD800", "\uFFFD", "\uFDEF")) {
            assertThat(Text.isPrintableName(bad)).as(bad).isFalse();
        }
        assertThat(Text.isWellFormed("a\nb")).as("line breaks are fine in message content").isTrue();
    }

    /** Code points, for a readable failure (the probe's emoji alone is 40 KB). */
    private static String codePoints(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(12).forEach(c -> out.append(String.format("U+%04X ", c)));
        return out.append(text.codePointCount(0, text.length()) > 12 ? "…" : "").toString().strip();
    }
}
