package io.hftbus.api;

import io.hftbus.api.event.Event;
import java.util.List;

/**
 * A publisher owned by one thread: the fastest way into a bus for a thread that publishes a lot,
 * such as a market-data feed handler. Made by {@link EventBus#exclusivePublisher(String)}.
 *
 * <p><b>What makes it cheap.</b> {@link EventBus#publish(Event)} is safe from any thread; this
 * handle is not, and needs nothing shared to take a sequence: it hands out sequences from a block
 * it claimed from the bus (one atomic add per block of thousands), so the common path of a publish
 * is a plain increment, the envelope, and the lane's own slot claim. Everything else is as for
 * {@link EventBus#publish(Event)}: the same lanes, backpressure policies, observers, ordering and
 * accounting.
 *
 * <p><b>Threading contract.</b> The handle belongs to the first thread that publishes through it.
 * A call from any other thread is detected on every call and refused with an
 * {@link IllegalStateException} naming both threads, before anything is published; the handle
 * stays usable by its owner. Misuse is therefore reported, never a silent data race. Several
 * exclusive publishers may publish into one bus at the same time, each from its own thread.
 *
 * <p><b>Sequences and order.</b> The sequences of one handle increase with every event it
 * publishes; sequences of different handles (and of other publishers) are unique within the bus
 * but not ordered against each other. Per handle and lane, subscribers receive events in publish
 * order.
 *
 * <p><b>Batches.</b> {@link #publishBatch(List)} claims the batch's sequences and reads the clock
 * once for the whole call, and claims lane slots for runs of consecutive events of one lane in one
 * step; all its envelopes share one publish time. See {@link EventBus#publishBatch(List)} for what
 * happens when a lane is full mid-batch.
 *
 * <p><b>Origin.</b> A handle made by {@link EventBus#exclusivePublisher(String)} publishes local
 * events ({@link Envelope#LOCAL_ORIGIN}); one made by
 * {@link EventBus#exclusivePublisher(String, int)} marks every envelope it makes with its origin,
 * for events brought in from elsewhere (see {@link Envelope#origin()}).
 *
 * <p>There is nothing to close: a handle that is no longer used is simply dropped.
 */
public interface ExclusivePublisher {

    /** The name given when the handle was made; used in exception messages. */
    String name();

    /**
     * The {@link Envelope#origin()} of every envelope this handle makes: {@link Envelope#LOCAL_ORIGIN}
     * unless the handle was made for an origin.
     */
    int origin();

    /**
     * Publishes {@code event} in the lane of its type's default priority.
     *
     * @return as {@link EventBus#publish(Event)}
     * @throws IllegalStateException if called from a thread other than the owner
     * @throws NullPointerException  if {@code event} is null
     * @throws BusClosedException    if the bus is closed
     * @throws BackpressureException if the lane was full and its policy refused the event
     */
    long publish(Event event);

    /**
     * Publishes {@code event} in the lane of {@code priority}.
     *
     * @return as {@link EventBus#publish(Event, Priority)}
     * @throws IllegalStateException if called from a thread other than the owner
     * @throws NullPointerException  if {@code event} or {@code priority} is null
     * @throws BusClosedException    if the bus is closed
     * @throws BackpressureException if the lane was full and its policy refused the event
     */
    long publish(Event event, Priority priority);

    /**
     * Publishes every event of {@code events}, in order, each in the lane of its type's default
     * priority.
     *
     * @return as {@link EventBus#publishBatch(List)}
     * @throws IllegalStateException if called from a thread other than the owner
     * @see EventBus#publishBatch(List)
     */
    int publishBatch(List<? extends Event> events);

    /**
     * Publishes every event of {@code events}, in order, all in the lane of {@code priority}.
     *
     * @return as {@link EventBus#publishBatch(List, Priority)}
     * @throws IllegalStateException if called from a thread other than the owner
     * @see EventBus#publishBatch(List, Priority)
     */
    int publishBatch(List<? extends Event> events, Priority priority);
}
