package io.hftbus.api.stats;

import io.hftbus.api.Priority;

/**
 * Depth of one lane.
 *
 * @param priority      the lane
 * @param depth         envelopes waiting now
 * @param capacity      envelopes the lane holds at most
 * @param highWaterMark the highest depth seen since the bus started
 */
public record LaneStats(Priority priority, int depth, int capacity, int highWaterMark) {

    /** Validates the record. */
    public LaneStats {
        if (priority == null) {
            throw new NullPointerException("LaneStats.priority must not be null");
        }
    }
}
