package io.hftbus.api;

/** Why an accepted-for-publishing envelope did not reach a subscriber. */
public enum DropReason {
    /**
     * Its lane was full: dropped by {@link BackpressurePolicy#DROP_NEWEST}, refused by
     * {@link BackpressurePolicy#FAIL_FAST}, or not admitted before the {@link BackpressurePolicy#BLOCK}
     * timeout or an interrupt. Reaches no subscriber.
     */
    LANE_FULL,
    /**
     * A subscriber's own queue was full: a pull stream's, or a worker group's with
     * {@link GroupOverflow#DROP}; the other subscribers got it.
     */
    STREAM_LAGGING,
    /**
     * The bus closed before the envelope could be delivered: a close that began while it was being
     * published refused it (its publish threw {@link BusClosedException}), or the close's drain
     * timed out. Reported once with a null subscription for an envelope that reached no
     * subscriber, or per subscription for the subscribers an envelope whose delivery was under way
     * did not reach.
     */
    BUS_CLOSED
}
