package dev.chat.servicekit;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/** Which failures are worth waiting out, and how long to wait between attempts. */
public final class Failures {

    private Failures() {
    }

    /**
     * A failure of the infrastructure rather than of the record (the database is unreachable or
     * timing out): retrying the same record later will succeed, so it must be retried, never
     * dead-lettered.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException) {
                return true;
            }
        }
        return false;
    }

    /** Exponential back-off from 200 ms up to 10 s between attempts, without ever giving up. */
    public static BackOff untilItWorks() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        return backOff;
    }
}
