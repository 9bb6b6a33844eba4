package io.hftbus.api.stats;

import io.hftbus.api.Priority;
import io.hftbus.api.event.EventType;

/**
 * Read-only view of a bus's statistics, implemented by the {@code io.hftbus.stats} module.
 *
 * <p>Thread-safe: any thread may read at any time; readings are taken without stopping the bus, so
 * figures of different types may be a few events apart, while each counter is exact. Reading is
 * meant for monitoring threads, not for the hot path: it takes a lock shared with other readers
 * (never with publishers or dispatch threads) and allocates the returned records.
 */
public interface BusStats {

    /** An immutable snapshot of every type and lane. */
    StatsSnapshot snapshot();

    /**
     * The figures of one event type now.
     *
     * @throws NullPointerException if {@code type} is null
     */
    TypeStats of(EventType type);

    /**
     * The figures of one lane now.
     *
     * @throws NullPointerException if {@code priority} is null
     */
    LaneStats lane(Priority priority);
}
