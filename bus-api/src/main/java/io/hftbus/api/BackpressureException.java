package io.hftbus.api;

import io.hftbus.api.event.EventType;

/**
 * Thrown by {@code publish} when the event's lane is full and its policy is
 * {@link BackpressurePolicy#FAIL_FAST}, or when a {@link BackpressurePolicy#BLOCK} wait timed out or
 * was interrupted. The event was not accepted; observers saw it as {@link DropReason#LANE_FULL}.
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

    /**
     * @param busName   the bus
     * @param lane      the full lane
     * @param capacity  the lane's capacity
     * @param eventType the type of the refused event
     * @param cause     why
     */
    public BackpressureException(String busName, Priority lane, int capacity, EventType eventType, Cause cause) {
        super("bus '" + busName + "' lane " + lane + " (capacity " + capacity + ") refused " + article(eventType)
                + " " + eventType + " event: " + describe(cause));
        this.busName = busName;
        this.lane = lane;
        this.eventType = eventType;
        this.cause = cause;
    }

    /** "an ORDER", "a FILL": every type name is read letter by letter as written. */
    private static String article(EventType eventType) {
        return "AEIOU".indexOf(eventType.name().charAt(0)) >= 0 ? "an" : "a";
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
}
