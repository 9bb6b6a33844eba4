package io.hftbus.api;

/**
 * Settings of one lane.
 *
 * @param capacity     how many envelopes the lane holds at most, within {@code [2, 2^30]}; the
 *                     lane rounds it up to the next power of two
 * @param backpressure what {@code publish} does when the lane is full
 */
public record LaneConfig(int capacity, BackpressurePolicy backpressure) {

    /** A lane's capacity unless configured: 10,000 envelopes, rounded up to a power of two. */
    public static final int DEFAULT_CAPACITY = 10_000;

    /** The largest capacity a lane accepts. */
    public static final int MAX_CAPACITY = 1 << 30;

    /** Validates the settings. */
    public LaneConfig {
        if (capacity < 2 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "LaneConfig.capacity must be within [2, " + MAX_CAPACITY + "] but was " + capacity);
        }
        if (backpressure == null) {
            throw new NullPointerException("LaneConfig.backpressure must not be null");
        }
    }
}
