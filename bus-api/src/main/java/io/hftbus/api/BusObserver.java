package io.hftbus.api;

/**
 * Service-provider interface for watching a bus: statistics, recording, tracing. Observers are given
 * to the bus when it is built (through {@link EventBusBuilder#observer(BusObserver)} or a Dagger
 * {@code Set<BusObserver>} multibinding) and cannot be added later.
 *
 * <p><b>Hot path.</b> The callbacks run inline on the publishing and dispatch threads, on every
 * event. An implementation must not block, must not allocate per call, and should finish in tens of
 * nanoseconds. An exception it throws is caught and logged (rate-limited) and does not disturb the
 * bus or the other observers; it is still a bug in the observer.
 *
 * <p><b>Threading.</b> {@link #onPublished} is called on publisher threads, concurrently from as many
 * threads as publish; the other event callbacks on dispatch threads (concurrently, one per lane,
 * with {@link DispatchMode#THREAD_PER_LANE}). Implementations must be thread-safe.
 *
 * <p><b>Accounting.</b> For each subscription, every envelope announced by {@link #onPublished}
 * while it is subscribed ends in exactly one {@link #onDelivered} or {@link #onDropped} for it (a
 * {@link DropReason#LANE_FULL} drop counts once for all subscribers, with a null subscription).
 */
public interface BusObserver {

    /** Called once, on the building thread, before the bus accepts its first event. */
    default void onAttached(EventBus bus) {
    }

    /**
     * An event was stamped with a sequence and is about to enter its lane; called before the lane
     * decides, so it precedes any delivery or drop of the envelope.
     */
    default void onPublished(Envelope<?> envelope) {
    }

    /**
     * An envelope was handed to one subscriber: a handler returned (or threw, see
     * {@link #onHandlerFailed}) or a stream queued it.
     *
     * @param deliveredNanos {@link System#nanoTime()} when dispatch of this envelope began
     */
    default void onDelivered(Envelope<?> envelope, Subscription subscription, long deliveredNanos) {
    }

    /**
     * An envelope did not reach a subscriber.
     *
     * @param subscription the stream that lagged ({@link DropReason#STREAM_LAGGING}); the
     *                     subscription a timed-out close cut off while the envelope was being
     *                     delivered ({@link DropReason#BUS_CLOSED}); or {@code null} when the
     *                     envelope reached no subscriber ({@link DropReason#LANE_FULL},
     *                     {@link DropReason#BUS_CLOSED} for an envelope still in its lane)
     */
    default void onDropped(Envelope<?> envelope, Subscription subscription, DropReason reason) {
    }

    /** A handler threw; called after the failure was caught and before the next subscriber. */
    default void onHandlerFailed(Envelope<?> envelope, Subscription subscription, Throwable failure) {
    }

    /**
     * The bus has closed and delivered or dropped everything it accepted. Called once, on the thread
     * that completed the close: the last dispatch thread after a complete drain, or the thread in
     * {@code close()} when the drain timed out.
     */
    default void onClosed(EventBus bus) {
    }
}
