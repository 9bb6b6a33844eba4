package io.hftbus.api.stats;

import io.hftbus.api.Priority;
import io.hftbus.api.event.EventType;
import java.util.List;

/**
 * Every type's and lane's figures at one moment.
 *
 * <pre>{@code
 * for (TypeStats type : stats.snapshot().types()) {
 *     System.out.printf("%s: published=%d, received=%d, dropped=%d%n",
 *             type.type(), type.published(), type.received(), type.dropped());
 * }
 * }</pre>
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param takenAtNanos {@link System#nanoTime()} when the snapshot was taken
 * @param types        one entry per event type, in {@code EventType} order; copied, immutable
 * @param lanes        one entry per priority, in {@code Priority} order; copied, immutable
 * @param subscribers  one entry per subscription active when the snapshot was taken, in the order
 *                     they were made; copied, immutable
 */
public record StatsSnapshot(long takenAtNanos, List<TypeStats> types, List<LaneStats> lanes,
                            List<SubscriberStats> subscribers) {

    /** Validates that there is one entry per type and per lane, in order, and copies. */
    public StatsSnapshot {
        if (types == null) {
            throw new NullPointerException("StatsSnapshot.types must not be null");
        }
        if (lanes == null) {
            throw new NullPointerException("StatsSnapshot.lanes must not be null");
        }
        if (subscribers == null) {
            throw new NullPointerException("StatsSnapshot.subscribers must not be null");
        }
        types = List.copyOf(types);
        lanes = List.copyOf(lanes);
        subscribers = List.copyOf(subscribers);
        if (types.size() != EventType.count()) {
            throw new IllegalArgumentException("StatsSnapshot.types must hold one entry per EventType ("
                    + EventType.count() + ") but held " + types.size());
        }
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).type() != EventType.ofOrdinal(i)) {
                throw new IllegalArgumentException("StatsSnapshot.types[" + i + "] must be of "
                        + EventType.ofOrdinal(i) + " but was of " + types.get(i).type());
            }
        }
        if (lanes.size() != Priority.count()) {
            throw new IllegalArgumentException("StatsSnapshot.lanes must hold one entry per Priority ("
                    + Priority.count() + ") but held " + lanes.size());
        }
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i).priority() != Priority.ofOrdinal(i)) {
                throw new IllegalArgumentException("StatsSnapshot.lanes[" + i + "] must be of "
                        + Priority.ofOrdinal(i) + " but was of " + lanes.get(i).priority());
            }
        }
    }

    /** The figures of {@code type}. */
    public TypeStats of(EventType type) {
        if (type == null) {
            throw new NullPointerException("type must not be null");
        }
        return types.get(type.ordinal());
    }

    /** The figures of the lane of {@code priority}. */
    public LaneStats lane(Priority priority) {
        if (priority == null) {
            throw new NullPointerException("priority must not be null");
        }
        return lanes.get(priority.ordinal());
    }

    /** Events published, all types together. */
    public long published() {
        long sum = 0;
        for (TypeStats type : types) {
            sum += type.published();
        }
        return sum;
    }

    /** Deliveries, all types together. */
    public long received() {
        long sum = 0;
        for (TypeStats type : types) {
            sum += type.received();
        }
        return sum;
    }

    /** Drops for any reason, all types together. */
    public long dropped() {
        long sum = 0;
        for (TypeStats type : types) {
            sum += type.dropped();
        }
        return sum;
    }
}
