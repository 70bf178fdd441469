package dev.chat.projection.rebuild;

import java.time.Instant;

/** A rebuild was asked for while the one started at {@link #startedAt()} is still replaying the log. */
public class RebuildRunningException extends RuntimeException {

    private final Instant startedAt;

    RebuildRunningException(Instant startedAt) {
        super("a rebuild started at " + startedAt + " is still replaying the log; ask again once it has caught up");
        this.startedAt = startedAt;
    }

    public Instant startedAt() {
        return startedAt;
    }
}
