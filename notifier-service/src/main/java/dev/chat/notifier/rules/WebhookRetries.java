package dev.chat.notifier.rules;

import java.time.Duration;
import java.time.Instant;

/**
 * What follows a webhook attempt (the Standard Webhooks advice): a 2xx is delivered; 410 Gone disables the
 * endpoint; anything else — 429, 5xx, a time-out, no connection, another 4xx — is tried again after 5 s,
 * 10 s, 20 s … (doubling, at most 24 h apart), each delay spread by ±20 % so that a receiver coming back is not
 * hit by every retry at once, until 24 h after the first attempt: then it is a dead letter.
 */
public final class WebhookRetries {

    public static final Duration FIRST = Duration.ofSeconds(5);
    public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

    /** The outcome of an attempt. */
    public sealed interface Next {
        record Delivered() implements Next {
        }

        /** The endpoint asked never to be called again. */
        record Disable(String reason) implements Next {
        }

        record Retry(Instant at) implements Next {
        }

        record DeadLetter(String reason) implements Next {
        }
    }

    private WebhookRetries() {
    }

    /**
     * After attempt number {@code attempt} (1 for the first) answered {@code status} (0: no answer), given when
     * the first attempt was and a random number in [0, 1) for the spread.
     */
    public static Next after(int attempt, int status, Instant firstAttemptAt, Instant now, double random) {
        if (status >= 200 && status < 300) {
            return new Next.Delivered();
        }
        if (status == 410) {
            return new Next.Disable("the endpoint answered 410 Gone");
        }
        long base = FIRST.toMillis() << Math.min(attempt - 1, 24);
        long capped = Math.min(base, GIVE_UP_AFTER.toMillis());
        long spread = Math.round(capped * (0.8 + 0.4 * random));
        Instant at = now.plusMillis(spread);
        if (at.isAfter(firstAttemptAt.plus(GIVE_UP_AFTER))) {
            return new Next.DeadLetter((status == 0 ? "no answer" : "HTTP " + status) + " after " + attempt
                    + " attempts over " + Duration.between(firstAttemptAt, now).toHours() + " h");
        }
        return new Next.Retry(at);
    }
}
