package io.hftbus.api;

import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A typed, prioritised, bounded, in-process publish/subscribe bus.
 *
 * <pre>{@code
 * try (EventBus bus = EventBus.create()) {
 *     EventStream<MarketDataEvent> rx = bus.stream(MarketDataEvent.class);
 *     bus.publish(new MarketDataEvent(1234567890L, "ES", 6000.0, 10, 5999.5, 5, 6000.5, 5));
 *     Envelope<MarketDataEvent> envelope = rx.take();
 * }
 * }</pre>
 *
 * <p><b>Publishing.</b> {@code publish} stamps the event with a sequence and (unless the bus was
 * built with {@link EventBusBuilder#stampPublishTime(boolean) stampPublishTime(false)}) the time,
 * and offers it to the lane of its priority; the call returns once the lane accepted it, and
 * delivery happens later on a dispatch thread. {@code publish} takes no lock and allocates one
 * {@link Envelope}. Any number of threads may publish concurrently; per publishing thread, events
 * of one lane reach every subscriber in publish order. Three ways in, from the most general to the
 * fastest:
 * <ul>
 *   <li>{@link #publish(Event)}: from any thread;</li>
 *   <li>{@link #publishBatch(List)}: many events in one call, which claims their sequences and
 *       reads the clock once, and claims lane slots for a run of events in one step;</li>
 *   <li>{@link #exclusivePublisher(String)}: a handle owned by one thread, whose publish needs no
 *       atomic operation of its own; it publishes single events and batches.</li>
 * </ul>
 * Sequences are unique within the bus and increase per publisher; they are not one global order
 * (see {@link Envelope}).
 *
 * <p><b>Priorities.</b> Each {@link Priority} has its own bounded lane. Dispatch takes from the
 * highest non-empty lane first: a {@link Priority#CRITICAL} event is delivered before
 * lower-priority events still queued. Order is kept within a lane, not across lanes.
 *
 * <p><b>Subscribing.</b> Push subscribers ({@link EventHandler}) run on a dispatch thread; pull
 * subscribers ({@link EventStream}) have their own bounded queue and are read by application
 * threads. Every subscriber sees every event of its types exactly once. Subscribing and
 * unsubscribing are safe from any thread at any time, also while events flow and from inside a
 * handler. The threading contract of handlers is on {@link DispatchMode}.
 *
 * <p><b>Worker groups and shards.</b> A handler too slow for a dispatch thread runs on worker
 * threads of its own: {@link #subscribeGroup(String, Class, int, EventHandler) subscribeGroup}
 * hands each event to whichever of its workers is free (no order across workers), and
 * {@link #subscribeSharded(String, Class, Function, int, EventHandler) subscribeSharded} routes
 * each event by a key to one shard's worker (per-key order). Their threading contract is on
 * {@link WorkerGroup}.
 *
 * <p><b>Closing.</b> {@link #close()} stops accepting, delivers everything already accepted (through
 * the worker groups' handlers too), ends the streams and joins the dispatch and worker threads; every accepted event is delivered or reported to the
 * observers as dropped, none vanishes.
 */
public interface EventBus extends AutoCloseable {

    /** What {@code publish} returns when {@link BackpressurePolicy#DROP_NEWEST} dropped the event. */
    long NOT_ACCEPTED = -1L;

    /** The most worker threads (or shards) one worker group or sharded subscription may have. */
    int MAX_WORKERS = 1024;

    /** A started bus with the default settings; see {@link EventBusBuilder}. */
    static EventBus create() {
        return builder().build();
    }

    /** A builder for a configured bus. */
    static EventBusBuilder builder() {
        return new EventBusBuilder();
    }

    /** The bus's name. */
    String name();

    /** The settings the bus was built with. */
    BusConfig config();

    /**
     * Publishes {@code event} in the lane of its type's {@linkplain EventType#defaultPriority()
     * default priority}.
     *
     * @return the envelope's sequence, or {@link #NOT_ACCEPTED} if the lane was full and its policy
     *         is {@link BackpressurePolicy#DROP_NEWEST}
     * @throws NullPointerException   if {@code event} is null
     * @throws BusClosedException     if the bus is closed
     * @throws BackpressureException  if the lane was full and its policy refused the event
     */
    long publish(Event event);

    /**
     * Publishes {@code event} in the lane of {@code priority}, overriding its type's default.
     *
     * @return as {@link #publish(Event)}
     * @throws NullPointerException   if {@code event} or {@code priority} is null
     * @throws BusClosedException     if the bus is closed
     * @throws BackpressureException  if the lane was full and its policy refused the event
     */
    long publish(Event event, Priority priority);

    /**
     * Publishes every event of {@code events}, in order, each in the lane of its type's default
     * priority: as if {@link #publish(Event)} were called for each, but the call claims the
     * batch's sequences and reads the clock once (all its envelopes share one publish time), and
     * offers each run of consecutive events of one lane with one claim of lane slots. Still one
     * envelope per event. Safe from any thread.
     *
     * <p><b>A full lane mid-batch</b> is handled per event, by the lane's policy, exactly as a
     * loop of {@code publish} calls would be: {@link BackpressurePolicy#DROP_NEWEST} drops the
     * events that find no room and goes on with the rest; {@link BackpressurePolicy#BLOCK} waits
     * for room (up to the block timeout per wait); {@link BackpressurePolicy#FAIL_FAST}, a block
     * that timed out or was interrupted, and a close that began during the call end the call with
     * an exception whose {@code accepted()} says how many events of the batch, from the first,
     * were accepted; the events after the refused one were not published and were not announced
     * to the observers.
     *
     * @param events the events; every element non-null (checked before anything is published)
     * @return how many events were accepted: {@code events.size()} unless a
     *         {@link BackpressurePolicy#DROP_NEWEST} lane dropped some
     * @throws NullPointerException   if {@code events} or one of its elements is null (the
     *                                message names the index); nothing was published
     * @throws BusClosedException     if the bus is closed or closed during the call
     * @throws BackpressureException  if a lane refused an event and its policy refuses the
     *                                publisher
     */
    int publishBatch(List<? extends Event> events);

    /**
     * As {@link #publishBatch(List)}, with every event in the lane of {@code priority}.
     *
     * @throws NullPointerException if {@code events}, one of its elements or {@code priority} is null
     */
    int publishBatch(List<? extends Event> events, Priority priority);

    /**
     * A publisher handle for one thread, whose publish claims no sequence of its own from shared
     * state; see {@link ExclusivePublisher} for its threading contract.
     *
     * @param name names the handle in exception messages; not blank
     * @throws BusClosedException       if the bus is closed
     * @throws IllegalArgumentException if {@code name} is blank
     * @throws NullPointerException     if {@code name} is null
     */
    ExclusivePublisher exclusivePublisher(String name);

    /**
     * A publisher handle for one thread, as {@link #exclusivePublisher(String)}, for events brought
     * in from elsewhere: every envelope it makes carries {@code origin} (see
     * {@link Envelope#origin()}), so that subscribers can tell them from local events. A bridge
     * publishes what it receives through such a handle, and sends out only local envelopes.
     *
     * @param name   names the handle in exception messages; not blank
     * @param origin the origin its envelopes carry; {@code > 0} ({@link Envelope#LOCAL_ORIGIN} is
     *               the bus's own)
     * @throws BusClosedException       if the bus is closed
     * @throws IllegalArgumentException if {@code name} is blank or {@code origin} is not positive
     * @throws NullPointerException     if {@code name} is null
     */
    ExclusivePublisher exclusivePublisher(String name, int origin);

    /**
     * Subscribes a handler to one event type.
     *
     * @param type    the record class, for example {@code MarketDataEvent.class}
     * @param handler called on a dispatch thread for each event of the type
     * @throws BusClosedException if the bus is closed
     */
    <E extends Event> Subscription subscribe(Class<E> type, EventHandler<E> handler);

    /** As {@link #subscribe(Class, EventHandler)}, with the subscription's name for logs. */
    <E extends Event> Subscription subscribe(String name, Class<E> type, EventHandler<E> handler);

    /** Subscribes a handler to every event type. */
    Subscription subscribeAll(EventHandler<Event> handler);

    /** As {@link #subscribeAll(EventHandler)}, with the subscription's name for logs. */
    Subscription subscribeAll(String name, EventHandler<Event> handler);

    /**
     * Subscribes a worker group to one event type, with {@link GroupOptions#DEFAULTS}: each event
     * is handled by exactly one of {@code workers} threads, whichever is free; see
     * {@link WorkerGroup} for the threading contract.
     *
     * @param name    the subscription's name, also in its threads' names; not blank
     * @param workers how many worker threads, within {@code [1, }{@value #MAX_WORKERS}{@code ]}
     * @throws BusClosedException       if the bus is closed
     * @throws IllegalArgumentException if {@code name} is blank or {@code workers} out of range
     * @throws NullPointerException     if an argument is null
     * @throws IllegalStateException    if the thread factory returns null
     */
    default <E extends Event> WorkerGroup subscribeGroup(String name, Class<E> type, int workers,
                                                         EventHandler<E> handler) {
        return subscribeGroup(name, type, workers, handler, GroupOptions.DEFAULTS);
    }

    /** As {@link #subscribeGroup(String, Class, int, EventHandler)}, with its own options. */
    <E extends Event> WorkerGroup subscribeGroup(String name, Class<E> type, int workers, EventHandler<E> handler,
                                                 GroupOptions options);

    /**
     * As {@link #subscribeGroup(String, Class, int, EventHandler, GroupOptions)}, for several event
     * types behind one queue.
     *
     * @param types the event types, at least one
     * @throws IllegalArgumentException also if {@code types} is empty
     */
    WorkerGroup subscribeGroup(String name, Set<EventType> types, int workers, EventHandler<Event> handler,
                               GroupOptions options);

    /**
     * Subscribes a handler sharded by key, with {@link GroupOptions#DEFAULTS}: each event of
     * {@code type} goes to shard {@link WorkerGroup#shardOf(Object, int) shardOf(keyFunction(event),
     * shards)}, and each shard has one worker thread and one queue, so events of one key are
     * handled in order and different keys in parallel; see {@link WorkerGroup}.
     *
     * <p><b>Changing the shard count.</b> The mapping depends on {@code shards}: with another count
     * most keys land on another shard. Per-key order holds within one subscription; a new
     * subscription with another count starts its own order, and while an old and a new one are
     * both subscribed, each handles every event, so the same key is handled by both at the same
     * time. To move a key's processing from one count to another without overlap, unsubscribe the
     * old subscription and {@linkplain WorkerGroup#awaitTermination await} it before subscribing the
     * new one; events accepted in between reach neither.
     *
     * @param name        the subscription's name, also in its threads' names; not blank
     * @param keyFunction gives each event's key (for example {@code MarketDataEvent::symbol}); runs on
     *                    the dispatch thread, so it must be fast and must not block
     * @param shards      how many shards, each with its own thread, within
     *                    {@code [1, }{@value #MAX_WORKERS}{@code ]}
     * @throws BusClosedException       if the bus is closed
     * @throws IllegalArgumentException if {@code name} is blank or {@code shards} out of range
     * @throws NullPointerException     if an argument is null
     * @throws IllegalStateException    if the thread factory returns null
     */
    default <E extends Event> WorkerGroup subscribeSharded(String name, Class<E> type,
                                                           Function<? super E, ?> keyFunction, int shards,
                                                           EventHandler<E> handler) {
        return subscribeSharded(name, type, keyFunction, shards, handler, GroupOptions.DEFAULTS);
    }

    /** As {@link #subscribeSharded(String, Class, Function, int, EventHandler)}, with its own options. */
    <E extends Event> WorkerGroup subscribeSharded(String name, Class<E> type, Function<? super E, ?> keyFunction,
                                                   int shards, EventHandler<E> handler, GroupOptions options);

    /**
     * Opens a pull stream of one event type with a queue of the default lane capacity.
     *
     * @throws BusClosedException if the bus is closed
     */
    <E extends Event> EventStream<E> stream(Class<E> type);

    /**
     * Opens a pull stream of one event type.
     *
     * @param capacity the stream's queue size, within {@code [2, 2^30]}, rounded up to a power of two
     * @throws BusClosedException if the bus is closed
     */
    <E extends Event> EventStream<E> stream(Class<E> type, int capacity);

    /** As {@link #stream(Class, int)}, with the subscription's name for logs. */
    <E extends Event> EventStream<E> stream(String name, Class<E> type, int capacity);

    /**
     * The subscriptions active now, in the order they were made: for monitoring. A snapshot, not a
     * live view; safe from any thread.
     */
    List<Subscription> subscriptions();

    /** How many envelopes wait in the lane of {@code priority} now (a moment's estimate under load). */
    int laneDepth(Priority priority);

    /** How many envelopes the lane of {@code priority} holds at most. */
    int laneCapacity(Priority priority);

    /** The highest lane depth the dispatch threads have seen since the bus started. */
    int laneHighWaterMark(Priority priority);

    /** Whether {@link #close()} has begun. */
    boolean isClosed();

    /**
     * Closes the bus with the configured shutdown timeout; see {@link #close(Duration)}.
     * Idempotent.
     */
    @Override
    void close();

    /**
     * Stops accepting events, delivers everything already accepted, ends the streams, and joins the
     * dispatch threads, waiting up to {@code timeout}. Worker groups are drained like the lanes:
     * the close waits until their handlers have been called with everything queued, delivers what
     * they publish meanwhile, and joins their worker threads. Whatever could not be delivered in
     * time is reported to the observers as {@link DropReason#BUS_CLOSED}; envelopes already in a
     * group's queue when the close gave up stay counted as delivered, and the workers go on with
     * them. Called on a dispatch or worker thread, it begins the close and returns false at once
     * (waiting would wait for itself). Idempotent: a second call waits for the first to finish, up
     * to its own timeout.
     *
     * @return whether everything accepted was delivered and the threads ended within the timeout
     */
    boolean close(Duration timeout);
}
