package io.hftbus.stats;

/**
 * The bucket layout of the per-thread latency counts: log-linear, like HdrHistogram's. Values below
 * {@code 2^subBits} have a bucket each; above, every power of two is split into {@code 2^subBits}
 * equal buckets, so a bucket's width is at most {@code 1 / 2^subBits} of its values (for two
 * significant digits, {@code subBits} is 7: within 0.8%). Immutable.
 *
 * <p>Why not an HdrHistogram per thread: its recording is not safe to read while it runs, and its
 * {@code Recorder}, which is, costs two atomic increments per value. Counting into a plain array
 * that only one thread writes, and that readers read with acquire loads, costs a load and a store;
 * readers turn the counts into an HdrHistogram when they take a snapshot.
 */
final class LatencyBuckets {

    private final int subBits;
    private final long subCount;
    private final long highestTrackable;
    private final int size;

    LatencyBuckets(int significantDigits, long highestTrackable) {
        // As HdrHistogram: 2 * 10^digits distinct values per power of two, rounded up to a power of two.
        int bits = 64 - Long.numberOfLeadingZeros(2 * pow10(significantDigits) - 1);
        this.subBits = bits - 1;
        this.subCount = 1L << subBits;
        this.highestTrackable = highestTrackable;
        this.size = index(highestTrackable) + 1;
    }

    private static long pow10(int digits) {
        long value = 1;
        for (int i = 0; i < digits; i++) {
            value *= 10;
        }
        return value;
    }

    /** How many buckets a type's counts array needs. */
    int size() {
        return size;
    }

    /** The bucket of a value; values below 0 count as 0, above the highest trackable as it. */
    int index(long value) {
        long v = value < 0 ? 0 : Math.min(value, highestTrackable);
        if (v < subCount) {
            return (int) v;
        }
        int top = 63 - Long.numberOfLeadingZeros(v);
        int shift = top - subBits;
        long mantissa = (v >>> shift) & (subCount - 1);
        return (int) (subCount + (long) shift * subCount + mantissa);
    }

    /** The highest value that falls in bucket {@code index}: what a percentile reports for it. */
    long highestValue(int index) {
        if (index < subCount) {
            return index;
        }
        long above = index - subCount;
        int shift = (int) (above >>> subBits);
        long mantissa = above & (subCount - 1);
        long lowest = (subCount + mantissa) << shift;
        return Math.min(highestTrackable, lowest + (1L << shift) - 1);
    }
}
