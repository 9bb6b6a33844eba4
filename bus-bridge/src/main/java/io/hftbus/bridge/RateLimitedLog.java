package io.hftbus.bridge;

import org.slf4j.Logger;

/**
 * Logs one warning per interval and counts the ones it held back, so that a flood of bad messages
 * cannot flood the log. Used by one thread at a time.
 */
final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private long nextAt = Long.MIN_VALUE;
    private boolean first = true;
    private long suppressed;

    RateLimitedLog(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    void warn(String format, Object... arguments) {
        long now = System.nanoTime();
        if (!first && now - nextAt < 0) {
            suppressed++;
            return;
        }
        first = false;
        nextAt = now + intervalNanos;
        if (suppressed > 0) {
            log.warn(format + " ({} more like it since the last report)", append(arguments, suppressed));
            suppressed = 0;
        } else {
            log.warn(format, arguments);
        }
    }

    private static Object[] append(Object[] arguments, Object last) {
        Object[] all = java.util.Arrays.copyOf(arguments, arguments.length + 1);
        all[arguments.length] = last;
        return all;
    }
}
