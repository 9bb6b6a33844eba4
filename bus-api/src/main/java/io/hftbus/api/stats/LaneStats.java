package io.hftbus.api.stats;

import io.hftbus.api.Priority;

/**
 * Depth of one lane.
 *
 * @param priority      the lane
 * @param depth         envelopes waiting now (a moment's estimate while publishers and the
 *                      dispatch thread run), {@code >= 0}
 * @param capacity      envelopes the lane holds at most, {@code >= 0}; 0 while the statistics are
 *                      attached to no bus
 * @param highWaterMark the highest depth the dispatch thread saw since the bus started,
 *                      {@code >= 0}; sampled, so a short peak between samples may be missed
 */
public record LaneStats(Priority priority, int depth, int capacity, int highWaterMark) {

    /** Validates the record. */
    public LaneStats {
        if (priority == null) {
            throw new NullPointerException("LaneStats.priority must not be null");
        }
        if (depth < 0) {
            throw new IllegalArgumentException("LaneStats.depth must be >= 0 but was " + depth);
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("LaneStats.capacity must be >= 0 but was " + capacity);
        }
        if (highWaterMark < 0) {
            throw new IllegalArgumentException("LaneStats.highWaterMark must be >= 0 but was " + highWaterMark);
        }
    }
}
