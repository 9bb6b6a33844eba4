package io.hftbus.core.internal;

import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.EventType;
import java.util.Set;

/**
 * A handler's or a stream's entry in the subscriber table.
 *
 * <p>{@link #fromPositions} are the lanes' producer positions read before the subscriber was put in
 * the table: envelopes a lane had accepted earlier but still holds are not delivered to it, and
 * every envelope a lane accepts after the table was published is (the lane's slot hand-off orders
 * the table's publication before the dispatch thread's next read of it). {@link #active} is read
 * (volatile) before every delivery, so that a dispatch thread still holding the table from
 * before the unsubscribe does not begin a new delivery once it sees the cleared flag. A delivery
 * whose check had already passed still completes: the Javadoc of {@code Subscription} states this
 * bound (one call per dispatch thread) rather than buy exactness with a StoreLoad fence per delivery.
 */
abstract class Subscriber implements Subscription {

    final CoreEventBus bus;
    final String name;
    final Set<EventType> types;
    /** Per lane ordinal, the position of the first envelope this subscriber is owed. */
    private final long[] fromPositions;
    final RateLimitedLog failureLog = new RateLimitedLog();

    /** Cleared once, by unsubscribe or by the bus's close. */
    volatile boolean active = true;

    /**
     * Set by a close that gave up waiting for its drain, just before it clears {@link #active}: the
     * envelopes that a dispatch thread still hands to this subscriber afterwards (the one whose
     * delivery was under way, or one a late publisher offered) were accepted while it was
     * subscribed, and are reported to it as {@link DropReason#BUS_CLOSED} drops instead of vanishing.
     */
    volatile boolean cutOffByClose;

    Subscriber(CoreEventBus bus, String name, Set<EventType> types, long[] fromPositions) {
        this.bus = bus;
        this.name = name;
        this.types = Set.copyOf(types);
        this.fromPositions = fromPositions.clone();
    }

    /**
     * Hands one envelope to this subscriber, on a dispatch thread.
     *
     * @param lane          the ordinal of the lane it came from
     * @param position      its position in that lane
     * @param dispatchNanos when dispatch of the envelope began, or {@link Envelope#NOT_STAMPED}
     * @param observers     the dispatch thread's observer chain
     */
    abstract void deliver(Envelope<?> envelope, int lane, long position, long dispatchNanos,
                          ObserverChain observers);

    /** Called once when the subscription ends, by unsubscribe or by the bus's close. */
    abstract void ended();

    /**
     * Whether the envelope is one this subscriber is to receive now. When it is not because a close
     * that timed out cut this subscriber off, the envelope is reported to the observers as dropped
     * for it, so that the accounting (every envelope published while subscribed ends in one delivery
     * or one drop) holds after a forced close too.
     */
    final boolean accepts(Envelope<?> envelope, int lane, long position, ObserverChain observers) {
        if (position < fromPositions[lane]) {
            return false;
        }
        if (active) {
            return true;
        }
        // The close writes cutOffByClose before it clears active, both volatile: having read the
        // cleared flag, this read sees the mark. After a mere unsubscribe nothing is owed.
        if (cutOffByClose) {
            observers.dropped(envelope, this, DropReason.BUS_CLOSED);
        }
        return false;
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
