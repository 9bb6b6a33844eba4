package io.hftbus.api;

/**
 * What {@code publish} does when the event's lane is full. Chosen per lane; see
 * {@link EventBusBuilder#backpressure(Priority, BackpressurePolicy)} for the defaults.
 *
 * <p>Whatever the policy, a refused event is reported to the observers as
 * {@link DropReason#LANE_FULL}: nothing leaves the bus uncounted.
 */
public enum BackpressurePolicy {
    /**
     * The publisher waits (spinning, then yielding, then parking) until the lane has room, up to
     * the bus's block timeout; then it gets a {@link BackpressureException}. An interrupt while
     * waiting also ends in a {@link BackpressureException}, with the interrupt status kept.
     */
    BLOCK,
    /** The event is dropped and counted; {@code publish} returns {@link EventBus#NOT_ACCEPTED}. */
    DROP_NEWEST,
    /** {@code publish} throws a {@link BackpressureException} at once. */
    FAIL_FAST
}
