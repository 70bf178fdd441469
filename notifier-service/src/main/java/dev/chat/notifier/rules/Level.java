package dev.chat.notifier.rules;

import java.util.Arrays;
import java.util.Optional;

/** Which messages notify a user (in a conversation): all, only mentions (a direct message is one), or none. */
public enum Level {
    ALL("all"), MENTIONS("mentions"), NONE("none");

    private final String wire;

    Level(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Level> parse(String text) {
        return Arrays.stream(values()).filter(l -> l.wire.equals(text)).findFirst();
    }

    /** Whether a message notifies at this level. */
    boolean admits(boolean mention) {
        return this == ALL || this == MENTIONS && mention;
    }
}
