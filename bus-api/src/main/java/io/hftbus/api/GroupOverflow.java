package io.hftbus.api;

/**
 * What the dispatch thread does when a {@link WorkerGroup}'s queue (or, sharded, the queue of the
 * event's shard) is full. Chosen per group, in {@link GroupOptions}.
 *
 * <p>A group's queue is fed by the dispatch thread, not by the publisher, so there is nobody to
 * fail fast at: the choice is between holding up dispatch and losing the event for this group.
 */
public enum GroupOverflow {
    /**
     * The dispatch thread waits (spinning, then yielding, then parking briefly) until the workers
     * made room. Nothing is lost; while it waits, the dispatch thread delivers nothing else, so a
     * group that falls behind slows the bus's other subscribers and, once the lanes fill, its
     * publishers by their lanes' {@link BackpressurePolicy}. The wait ends without delivering
     * when the group is unsubscribed, and with a {@link DropReason#BUS_CLOSED} drop when a close
     * gave up waiting. The default.
     */
    BLOCK,
    /**
     * The envelope is dropped for this group only, counted in {@link WorkerGroup#dropped()} and
     * reported to the observers as {@link DropReason#STREAM_LAGGING}; the dispatch thread and the
     * other subscribers go on at once, as with a lagging {@link EventStream}.
     */
    DROP
}
