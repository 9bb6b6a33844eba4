package io.hftbus.api.stats;

/**
 * Percentiles of a latency distribution, in nanoseconds.
 *
 * @param count   how many values were recorded
 * @param p50     median
 * @param p90     90th percentile
 * @param p99     99th percentile
 * @param p999    99.9th percentile
 * @param max     highest value
 */
public record LatencySnapshot(long count, long p50, long p90, long p99, long p999, long max) {

    /** No values recorded. */
    public static final LatencySnapshot EMPTY = new LatencySnapshot(0, 0, 0, 0, 0, 0);
}
