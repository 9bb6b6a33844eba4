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
 * with {@link DispatchMode#THREAD_PER_LANE}), except {@link #onHandlerFailed} for a
 * {@link WorkerGroup}'s handler, which is called on the worker thread that ran it. Implementations
 * must be thread-safe.
 *
 * <p><b>Per-thread views.</b> An observer that counts can avoid atomic operations altogether by
 * overriding {@link #forThread()}: the bus asks every observer for a view once per thread that
 * publishes or dispatches (each {@link ExclusivePublisher} on its owner thread, each thread that
 * calls {@link EventBus#publish(Event)}, each dispatch thread, each worker thread of a
 * {@link WorkerGroup}), and from then on calls only that
 * view on that thread, so the view may keep single-writer counters. Callbacks on other threads
 * (a close's drops, for example) go to the observer itself.
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
     * A dispatch thread took the envelope from its lane and is about to hand it to its
     * subscribers (it may have none); called once per envelope, before its deliveries.
     *
     * @param dispatchNanos {@link System#nanoTime()} when dispatch of this envelope began, read
     *                      once per envelope; {@link Envelope#NOT_STAMPED} when the bus does not
     *                      stamp publish times (it then reads no clock at dispatch either)
     */
    default void onDispatched(Envelope<?> envelope, long dispatchNanos) {
    }

    /**
     * An envelope was handed to one subscriber: a handler returned (or threw, see
     * {@link #onHandlerFailed}) or a stream queued it.
     *
     * @param deliveredNanos {@link System#nanoTime()} when dispatch of this envelope began, the
     *                       same value {@link #onDispatched} got
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
     * The view of this observer that the bus calls on the current thread from now on; see the
     * class comment. Called once per publishing or dispatch thread, on that thread, before its
     * first callback there. The default is the observer itself, which must then be thread-safe.
     * The returned view's {@link #onAttached}, {@link #onClosed} and {@link #forThread} are never
     * called.
     */
    default BusObserver forThread() {
        return this;
    }

    /**
     * The bus has closed and delivered or dropped everything it accepted. Called once, on the thread
     * that completed the close: the last dispatch thread after a complete drain, or the thread in
     * {@code close()} when the drain timed out.
     */
    default void onClosed(EventBus bus) {
    }
}
