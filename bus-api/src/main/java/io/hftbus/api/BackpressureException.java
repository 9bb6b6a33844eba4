package io.hftbus.api;

import io.hftbus.api.event.EventType;

/**
 * Thrown by {@code publish} when the event's lane is full and its policy is
 * {@link BackpressurePolicy#FAIL_FAST}, or when a {@link BackpressurePolicy#BLOCK} wait timed out or
 * was interrupted. The event was not accepted; observers saw it as {@link DropReason#LANE_FULL}.
 * Thrown by a batch publish, it ends the batch: {@link #accepted()} events from the first were
 * accepted, the refused event is the next one, and the events after it were not published.
 */
public final class BackpressureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the publisher was refused. */
    public enum Cause {
        /** The lane was full and the policy is {@link BackpressurePolicy#FAIL_FAST}. */
        LANE_FULL,
        /** The lane stayed full for the whole block timeout. */
        TIMED_OUT,
        /** The publisher was interrupted while waiting; its interrupt status is set again. */
        INTERRUPTED
    }

    private final String busName;
    private final Priority lane;
    private final EventType eventType;
    private final Cause cause;
    private final int accepted;

    /**
     * For a single publish.
     *
     * @param busName   the bus
     * @param lane      the full lane
     * @param capacity  the lane's capacity
     * @param eventType the type of the refused event
     * @param cause     why
     */
    public BackpressureException(String busName, Priority lane, int capacity, EventType eventType, Cause cause) {
        this(busName, lane, capacity, eventType, cause, 0, 1);
    }

    /**
     * For a batch publish.
     *
     * @param busName   the bus
     * @param lane      the full lane
     * @param capacity  the lane's capacity
     * @param eventType the type of the refused event
     * @param cause     why
     * @param accepted  how many events of the batch, from the first, were accepted before it
     * @param batchSize how many events the batch held; 1 for a single publish
     */
    public BackpressureException(String busName, Priority lane, int capacity, EventType eventType, Cause cause,
                                 int accepted, int batchSize) {
        super("bus '" + busName + "' lane " + lane + " (capacity " + capacity + ") refused " + article(eventType)
                + " " + eventType + " event: " + describe(cause) + (batchSize == 1 ? "" : "; " + accepted + " of the batch's "
                + batchSize + " events were accepted before it, the rest were not published"));
        this.busName = busName;
        this.lane = lane;
        this.eventType = eventType;
        this.cause = cause;
        this.accepted = accepted;
    }

    /** "an" before a vowel sound (ORDER, ERROR), "a" otherwise (MARKET_DATA, FILL). */
    private static String article(EventType type) {
        return type != null && "AEIOU".indexOf(type.name().charAt(0)) >= 0 ? "an" : "a";
    }

    private static String describe(Cause cause) {
        switch (cause) {
            case LANE_FULL:
                return "lane full, policy FAIL_FAST";
            case TIMED_OUT:
                return "lane stayed full for the block timeout";
            case INTERRUPTED:
                return "publisher interrupted while blocked on the full lane";
            default:
                throw new AssertionError(cause);
        }
    }

    /** The bus. */
    public String busName() {
        return busName;
    }

    /** The full lane. */
    public Priority lane() {
        return lane;
    }

    /** The type of the refused event. */
    public EventType eventType() {
        return eventType;
    }

    /** Why the publisher was refused. */
    public Cause refusal() {
        return cause;
    }

    /**
     * How many events of the call were accepted before the refused one: always 0 for a single
     * publish; for a batch, the events from index 0 up to this count were accepted.
     */
    public int accepted() {
        return accepted;
    }
}
