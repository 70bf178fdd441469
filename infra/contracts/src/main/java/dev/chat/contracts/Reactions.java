package dev.chat.contracts;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a reaction may be, the same on every protocol and in message-service: what users mean by one
 * emoji — one extended grapheme cluster (flags, skin tones, keycaps and family sequences included) of at most
 * {@link #MAX_CODE_POINTS} code points and {@link #MAX_BYTES} bytes of UTF-8, starting with a character that
 * stands on its own — or a short name, as chat apps spell custom emojis ({@code thumbsup}, {@code +1},
 * {@code party_parrot}). Bounded so that a message's reactions stay small whatever its members send.
 */
public final class Reactions {

    public static final int MAX_BYTES = 32;
    public static final int MAX_CODE_POINTS = 10;
    public static final String RULE = "a reaction is one emoji or a short name of at most 32 characters (a-z, 0-9, _, +, -)";

    private static final Pattern SHORT_NAME = Pattern.compile("[a-z0-9_+-]{1,32}");
    private static final Pattern ONE_GRAPHEME = Pattern.compile("\\X");
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private Reactions() {
    }

    /** Why {@code emoji} is not a reaction, or empty if it is one. */
    public static Optional<String> problem(String emoji) {
        return isReaction(emoji) ? Optional.empty() : Optional.of(RULE);
    }

    public static boolean isReaction(String emoji) {
        if (emoji == null || emoji.isEmpty()) {
            return false;
        }
        if (SHORT_NAME.matcher(emoji).matches()) {
            return true;
        }
        return emoji.length() <= 2 * MAX_CODE_POINTS
                && Text.isWellFormed(emoji)
                && emoji.codePointCount(0, emoji.length()) <= MAX_CODE_POINTS
                && emoji.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES
                && ONE_GRAPHEME.matcher(emoji).matches()
                && standsAlone(emoji.codePointAt(0))
                && emoji.codePoints().allMatch(Reactions::mayFollow)
                // Beyond ASCII, so '.' or '$' are not reactions (and never a problem as a key in a read model).
                && emoji.chars().anyMatch(c -> c > 0x7F);
    }

    /** The first character: not a mark, a selector, a joiner or anything invisible that modifies what precedes it. */
    private static boolean standsAlone(int first) {
        return switch (Character.getType(first)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.FORMAT, Character.CONTROL, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.UNASSIGNED, Character.PRIVATE_USE,
                    Character.SURROGATE -> false;
            default -> !Character.isWhitespace(first) && !isVariationSelector(first);
        };
    }

    /** Any character of the cluster: no controls, spaces or unassigned ones; of the invisible ones only the joiner and tags. */
    private static boolean mayFollow(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE -> false;
            // Tags (U+E0020..U+E007F) spell subdivision flags such as Scotland's.
            case Character.FORMAT -> c == ZERO_WIDTH_JOINER || c >= 0xE0020 && c <= 0xE007F;
            default -> !Character.isWhitespace(c);
        };
    }

    private static boolean isVariationSelector(int c) {
        return c >= 0xFE00 && c <= 0xFE0F || c >= 0xE0100 && c <= 0xE01EF;
    }
}
