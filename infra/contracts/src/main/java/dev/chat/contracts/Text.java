package dev.chat.contracts;

/**
 * What makes text unfit to store or show, the same for every service and every protocol: text that is not
 * well-formed Unicode (a lone surrogate, which UTF-8 cannot carry and would silently become {@code ?}; a
 * noncharacter; U+FFFD, what a decoder puts where the bytes were not UTF-8) and, in names, characters that
 * control the terminal or the direction of the text around them.
 */
public final class Text {

    private Text() {
    }

    /** No lone surrogates, no noncharacters, no replacement character: what was sent is what will be stored. */
    public static boolean isWellFormed(String text) {
        return text.codePoints().noneMatch(c -> isLoneSurrogate(c) || isNoncharacter(c) || c == 0xFFFD);
    }

    /**
     * Whether UTF-8 can carry the text as it is: a lone surrogate cannot (an encoder writes '?' instead). A plain
     * loop: every message's content goes through it.
     */
    public static boolean isEncodable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLoneSurrogate(int c) {
        // String.codePoints() yields a surrogate code point only where it is not part of a pair.
        return c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE;
    }

    /**
     * Characters no name should hold: C0 and C1 controls (NUL, line breaks, bell, the escape that starts an
     * ANSI sequence) and the bidirectional embeddings, overrides and isolates that reorder the text after
     * them ("Trojan Source").
     */
    public static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(c -> Character.isISOControl(c) || isBidiControl(c));
    }

    /** A name as people see it (a group's, a user's): well-formed and free of control characters. */
    public static boolean isPrintableName(String text) {
        return isWellFormed(text) && !hasControlCharacters(text);
    }

    static boolean isBidiControl(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x061C || c == 0x200E || c == 0x200F;
    }

    /** U+FDD0..U+FDEF and the last two code points of every plane. */
    static boolean isNoncharacter(int c) {
        return c >= 0xFDD0 && c <= 0xFDEF || (c & 0xFFFE) == 0xFFFE;
    }
}
