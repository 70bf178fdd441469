package dev.chat.notifier.rules;

import java.time.Duration;

/**
 * The rules' times (settings: README {@code CHAT_NOTIFY_*}).
 *
 * @param pushDelay        a push waits this long for the message to be read elsewhere
 * @param emailDelay       "after-delay" emails wait this long
 * @param emailMinInterval at most one email per user this often
 * @param activeWindow     a user online who did something within this long is active (gets no push)
 * @param maxAge           messages older than this when first seen (a replay of old history) notify nobody
 */
public record Timings(Duration pushDelay, Duration emailDelay, Duration emailMinInterval, Duration activeWindow,
        Duration maxAge) {
}
