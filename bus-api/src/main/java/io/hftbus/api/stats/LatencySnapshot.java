package io.hftbus.api.stats;

/**
 * Percentiles of a latency distribution, in nanoseconds.
 *
 * <p>Read from an HdrHistogram, so each figure is the highest value the histogram cannot tell
 * apart from the recorded one: exact to the histogram's precision (by default within 1%), never
 * below the true value.
 *
 * @param count how many values were recorded, {@code >= 0}
 * @param p50   median, {@code >= 0}
 * @param p90   90th percentile, {@code >= p50}
 * @param p99   99th percentile, {@code >= p90}
 * @param p999  99.9th percentile, {@code >= p99}
 * @param max   highest value, {@code >= p999}
 */
public record LatencySnapshot(long count, long p50, long p90, long p99, long p999, long max) {

    /** No values recorded. */
    public static final LatencySnapshot EMPTY = new LatencySnapshot(0, 0, 0, 0, 0, 0);

    /** Validates that the figures are non-negative and ordered. */
    public LatencySnapshot {
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
