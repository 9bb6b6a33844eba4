package io.hftbus.metrics;

import io.hftbus.api.stats.BusStats;
import io.hftbus.api.stats.StatsSnapshot;

/**
 * The statistics snapshot the meters read: taken when a meter is read and the last one is older
 * than the maximum age, so that one scrape of every meter costs one snapshot, and its figures are
 * of one moment.
 *
 * <p>Thread-safe: registries read meters from their own threads (a scrape, a publishing step);
 * the lock is the cache's own, never taken by the bus's threads.
 */
final class SnapshotCache {

    private final BusStats stats;
    private final long maxAgeNanos;

    /** Guarded by {@code this}. */
    private StatsSnapshot snapshot;
    /** {@link System#nanoTime()} when {@link #snapshot} was taken. Guarded by {@code this}. */
    private long takenAtNanos;

    SnapshotCache(BusStats stats, long maxAgeNanos) {
        this.stats = stats;
        this.maxAgeNanos = maxAgeNanos;
    }

    /** The last snapshot, or a new one if that is older than the maximum age. */
    synchronized StatsSnapshot current() {
        long now = System.nanoTime();
        if (snapshot == null || now - takenAtNanos >= maxAgeNanos) {
            snapshot = stats.snapshot();
            takenAtNanos = now;
        }
        return snapshot;
    }
}
