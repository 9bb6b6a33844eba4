package io.hftbus.api.stats;

import java.util.List;

/**
 * Every type's and lane's figures at one moment.
 *
 * @param takenAtNanos {@link System#nanoTime()} when the snapshot was taken
 * @param types        one entry per event type, in {@code EventType} order; copied, immutable
 * @param lanes        one entry per priority, in {@code Priority} order; copied, immutable
 */
public record StatsSnapshot(long takenAtNanos, List<TypeStats> types, List<LaneStats> lanes) {

    /** Validates and copies. */
    public StatsSnapshot {
        types = List.copyOf(types);
        lanes = List.copyOf(lanes);
    }
}
