package io.hftbus.core.internal;

import io.hftbus.api.Envelope;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.EventType;
import java.util.Set;

/**
 * A handler's or a stream's entry in the subscriber table.
 *
 * <p>{@link #fromSequence} is the bus's claim counter read before the subscriber was put in the
 * table: envelopes claimed earlier but still queued are not delivered to it. {@link #active} is
 * read (volatile) before every delivery, so that a dispatch thread still holding the table from
 * before the unsubscribe does not begin a new delivery once it sees the cleared flag. A delivery
 * whose check had already passed still completes: the Javadoc of {@code Subscription} states this
 * bound (one call per dispatch thread) rather than buy exactness with a StoreLoad fence per delivery.
 */
abstract class Subscriber implements Subscription {

    final CoreEventBus bus;
    final String name;
    final Set<EventType> types;
    final long fromSequence;
    final RateLimitedLog failureLog = new RateLimitedLog();

    /** Cleared once, by unsubscribe or by the bus's close. */
    volatile boolean active = true;

    Subscriber(CoreEventBus bus, String name, Set<EventType> types, long fromSequence) {
        this.bus = bus;
        this.name = name;
        this.types = Set.copyOf(types);
        this.fromSequence = fromSequence;
    }

    /**
     * Hands one envelope to this subscriber, on a dispatch thread.
     *
     * @param dispatchNanos when dispatch of the envelope began, or 0 when the bus has no observers
     */
    abstract void deliver(Envelope<?> envelope, long dispatchNanos);

    /** Called once when the subscription ends, by unsubscribe or by the bus's close. */
    abstract void ended();

    /** Whether the envelope is one this subscriber is to receive now. */
    final boolean accepts(Envelope<?> envelope) {
        return envelope.sequence() >= fromSequence && active;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<EventType> types() {
        return types;
    }

    @Override
    public final boolean isActive() {
        return active;
    }

    @Override
    public final void unsubscribe() {
        bus.unsubscribe(this);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + " on bus '" + bus.name() + "', " + types.size()
                + (types.size() == 1 ? " type " + types.iterator().next() : " types") + (active ? "" : ", ended") + "]";
    }
}
