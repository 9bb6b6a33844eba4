package io.hftbus.api;

import io.hftbus.api.event.Event;

/**
 * A push subscriber: the bus calls it on a dispatch thread for every event of its type.
 *
 * <p><b>Threading.</b> The handler is called on a dispatch thread of the bus, never on the
 * publisher's thread. With {@link DispatchMode#SINGLE_THREAD} (the default) every handler of a bus
 * is called by the one dispatch thread, so a handler is never called concurrently with itself or
 * with any other handler of that bus. With {@link DispatchMode#THREAD_PER_LANE} see the contract on
 * {@link DispatchMode#THREAD_PER_LANE}.
 *
 * <p>A handler should return quickly: while it runs, its dispatch thread delivers nothing else.
 * Hand long work to another thread, or use an {@link EventStream}.
 *
 * <p><b>Failures.</b> Whatever the handler throws, exceptions and errors alike, is caught: the
 * other subscribers still get the event, the dispatch thread goes on, and the failure is reported
 * to the {@link BusObserver}s and to the log with the event type and the subscription's name.
 *
 * @param <E> the event record type
 */
@FunctionalInterface
public interface EventHandler<E extends Event> {

    /**
     * Receives one event.
     *
     * @param envelope the event with its sequence, publish time and lane; shared with the other
     *                 subscribers, immutable
     * @throws Exception anything; it is isolated and reported, see the class description
     */
    void onEvent(Envelope<E> envelope) throws Exception;
}
