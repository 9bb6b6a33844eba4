package io.hftbus.core.internal;

/**
 * Decides when a recurring failure is logged: the first time with its stack trace, later at most
 * once a second with the number of occurrences kept quiet in between. Handler and observer failures
 * may repeat on every event; this keeps one broken handler from flooding the log or slowing the
 * dispatch thread with formatting.
 *
 * <p>Used only on failure paths. Not strictly thread-safe: with one dispatch thread per lane two
 * threads may race on the fields, which can only make a log line come early or a count be off by
 * one; it never hides a failure from the observers, which are told separately.
 */
final class RateLimitedLog {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private long lastLoggedNanos;
    private long suppressed;
    private boolean loggedOnce;

    /**
     * Whether this occurrence is to be logged. Returns -1 if not; otherwise how many occurrences were
     * kept quiet since the last log line (0 the first time).
     */
    long admit() {
        long now = System.nanoTime();
        if (loggedOnce && now - lastLoggedNanos < INTERVAL_NANOS) {
            suppressed++;
            return -1;
        }
        long quiet = suppressed;
        suppressed = 0;
        lastLoggedNanos = now;
        loggedOnce = true;
        return quiet;
    }
}
