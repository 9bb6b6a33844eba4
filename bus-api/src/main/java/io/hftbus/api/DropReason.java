package io.hftbus.api;

/** Why an accepted-for-publishing envelope did not reach a subscriber. */
public enum DropReason {
    /**
     * Its lane was full: dropped by {@link BackpressurePolicy#DROP_NEWEST}, refused by
     * {@link BackpressurePolicy#FAIL_FAST}, or not admitted before the {@link BackpressurePolicy#BLOCK}
     * timeout or an interrupt. Reaches no subscriber.
     */
    LANE_FULL,
    /** One pull stream's queue was full; the other subscribers got it. */
    STREAM_LAGGING,
    /**
     * The bus closed and its drain timed out before the envelope could be delivered: reported once
     * with a null subscription for an envelope still in its lane, or per subscription for the
     * subscribers an envelope whose delivery was under way did not reach.
     */
    BUS_CLOSED
}
