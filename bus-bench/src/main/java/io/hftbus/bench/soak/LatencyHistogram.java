package io.hftbus.bench.soak;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A log-linear histogram of nanosecond latencies, safe for one recording thread and one reading
 * thread: exact below 32 ns, then 16 linear sub-buckets per power of two (within about 6% of the
 * value). {@link #drainPercentiles} takes and clears the counts, so each report covers one
 * interval. Recording allocates nothing.
 */
final class LatencyHistogram {

    private static final int EXACT = 32;
    private static final int SUB_BUCKETS = 16;
    private static final int SUB_BITS = 4;

    private final AtomicLongArray counts = new AtomicLongArray(EXACT + 60 * SUB_BUCKETS);

    /** Records one latency; negative values count as zero. */
    void record(long nanos) {
        counts.incrementAndGet(index(Math.max(0, nanos)));
    }

    private static int index(long value) {
        if (value < EXACT) {
            return (int) value;
        }
        int shift = 63 - Long.numberOfLeadingZeros(value) - SUB_BITS;
        return EXACT + (shift - 1) * SUB_BUCKETS + (int) (value >>> shift) - SUB_BUCKETS;
    }

    private static long lowerBound(int index) {
        if (index < EXACT) {
            return index;
        }
        int k = index - EXACT;
        return (long) (k % SUB_BUCKETS + SUB_BUCKETS) << (k / SUB_BUCKETS + 1);
    }

    /**
     * Takes the counts recorded since the last call and returns the count followed by the values at
     * each quantile (upper bucket bounds, so never below the true value by more than a bucket).
     */
    long[] drainPercentiles(double... quantiles) {
        long[] taken = new long[counts.length()];
        long total = 0;
        for (int i = 0; i < taken.length; i++) {
            taken[i] = counts.getAndSet(i, 0);
            total += taken[i];
        }
        long[] result = new long[quantiles.length + 1];
        result[0] = total;
        for (int q = 0; q < quantiles.length; q++) {
            long rank = (long) Math.ceil(quantiles[q] * total);
            long seen = 0;
            for (int i = 0; i < taken.length; i++) {
                seen += taken[i];
                if (seen >= rank && taken[i] > 0) {
                    result[q + 1] = i + 1 < taken.length ? lowerBound(i + 1) : Long.MAX_VALUE;
                    break;
                }
            }
        }
        return result;
    }
}
