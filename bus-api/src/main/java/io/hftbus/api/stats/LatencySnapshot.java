package io.hftbus.api.stats;

/**
 * Percentiles of a latency distribution, in nanoseconds.
 *
 * <p>Read from a log-linear histogram, so each figure is the highest value the histogram cannot
 * tell apart from the recorded one: exact to the histogram's precision (by default within 1%),
 * never below the true value.
 *
 * <p><b>Unavailable.</b> A bus built with {@code stampPublishTime(false)} has no publish times, so
 * there is no latency to report: its figures are {@link #UNAVAILABLE}, whose {@link #available()}
 * is false, never zeros that could pass for a measurement.
 *
 * @param available whether the bus stamps publish times, so that the figures mean something;
 *                  when false every figure is 0
 * @param count how many values were recorded, {@code >= 0}
 * @param p50   median, {@code >= 0}
 * @param p90   90th percentile, {@code >= p50}
 * @param p99   99th percentile, {@code >= p90}
 * @param p999  99.9th percentile, {@code >= p99}
 * @param max   highest value, {@code >= p999}
 */
public record LatencySnapshot(boolean available, long count, long p50, long p90, long p99, long p999, long max) {

    /** Measured, but no values recorded yet. */
    public static final LatencySnapshot EMPTY = new LatencySnapshot(true, 0, 0, 0, 0, 0, 0);

    /** Not measured: the bus does not stamp publish times. */
    public static final LatencySnapshot UNAVAILABLE = new LatencySnapshot(false, 0, 0, 0, 0, 0, 0);

    /** A measured distribution. */
    public LatencySnapshot(long count, long p50, long p90, long p99, long p999, long max) {
        this(true, count, p50, p90, p99, p999, max);
    }

    /** Validates that the figures are non-negative and ordered, and all 0 when unavailable. */
    public LatencySnapshot {
        if (!available && (count | p50 | p90 | p99 | p999 | max) != 0) {
            throw new IllegalArgumentException("LatencySnapshot figures must all be 0 when not available but count was "
                    + count + " and max " + max);
        }
        if (count < 0) {
            throw new IllegalArgumentException("LatencySnapshot.count must be >= 0 but was " + count);
        }
        if (p50 < 0) {
            throw new IllegalArgumentException("LatencySnapshot.p50 must be >= 0 but was " + p50);
        }
        requireAtLeast("p90", p90, "p50", p50);
        requireAtLeast("p99", p99, "p90", p90);
        requireAtLeast("p999", p999, "p99", p99);
        requireAtLeast("max", max, "p999", p999);
    }

    private static void requireAtLeast(String field, long value, String lowerField, long lower) {
        if (value < lower) {
            throw new IllegalArgumentException("LatencySnapshot." + field + " must be >= " + lowerField + " ("
                    + lower + ") but was " + value);
        }
    }
}
