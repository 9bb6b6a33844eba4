package io.hftbus.core.internal;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitedLog.class);

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

    /**
     * Logs a caught failure at WARN with its stack trace, and never throws. Logging formats the
     * failure's {@code toString()} and {@code getMessage()}, which are the failing code's own methods
     * and may throw too; a log line must not end a dispatch thread, nor leave a publisher's claimed
     * sequence unsettled. If describing the failure throws, the failure's class is logged instead;
     * if even that fails the line is lost, and the observers, told before, still have the failure.
     *
     * @param arguments the arguments of {@code format}, without the failure
     */
    static void warn(Logger log, String format, Object[] arguments, Throwable failure) {
        Object[] withFailure = Arrays.copyOf(arguments, arguments.length + 1);
        withFailure[arguments.length] = failure;
        try {
            log.warn(format, withFailure);
        } catch (Throwable describingFailed) {
            try {
                LOG.warn("a {} could not be logged: describing it threw {}; the failed log line was: {}",
                        failure.getClass().getName(), describingFailed.getClass().getName(), format);
            } catch (Throwable ignored) {
                // The logger itself is failing; there is nowhere left to report to.
            }
        }
    }
}
