package io.hftbus.api;

import io.hftbus.api.stats.WorkerStats;
import java.time.Duration;
import java.util.List;

/**
 * A subscription whose handler runs on worker threads of its own: a <b>worker group</b> (competing
 * consumers, {@link EventBus#subscribeGroup(String, Class, int, EventHandler)}) or a <b>sharded
 * subscription</b> (one worker per shard, events routed by key,
 * {@link EventBus#subscribeSharded(String, Class, java.util.function.Function, int, EventHandler)}).
 *
 * <p><b>In the bus.</b> It is one subscriber: it receives every event of its types once, like a
 * handler, and the dispatch thread hands each envelope to its bounded queue (one queue for a
 * group, one per shard) without calling the handler. What happens when that queue is full is the
 * group's {@link GroupOverflow}. The observers count the envelope as delivered to the subscription
 * when it enters the queue, as for a stream.
 *
 * <p><b>Threading contract.</b>
 * <ul>
 *   <li>The handler is called only on the group's worker threads, made by the bus's
 *       {@link EventBusBuilder#threadFactory(java.util.concurrent.ThreadFactory) thread factory}
 *       (daemon threads named {@code hftbus-<bus>-<subscription>-<index>} without one), never on a
 *       publisher or a dispatch thread. It runs concurrently with the dispatch threads, with the
 *       bus's other handlers, and with the workers of other groups.</li>
 *   <li><b>Group:</b> each envelope goes to exactly one worker, whichever is free first, so a slow
 *       event holds up only its own worker. The handler is called concurrently by up to
 *       {@link #workerCount()} threads and must be thread-safe. <b>No order is kept across
 *       workers</b>: two events published one after the other may be handled in either order,
 *       or at the same time.</li>
 *   <li><b>Sharded:</b> the key function runs once per event on the dispatch thread, and the event
 *       goes to shard {@link #shardOf(Object, int) shardOf(key, shards)}. Each shard has one
 *       thread, so events of one key are handled one at a time, in the order the dispatch thread
 *       delivers them: per publisher and lane, publish order. Different shards run in parallel;
 *       state the handler keeps per key is confined to one thread, state shared across keys must
 *       be thread-safe. A key function that throws or returns null is a fault of this
 *       subscription: counted in {@link #keyFailures()}, reported to the observers as a handler
 *       failure (and the envelope as delivered to it), logged, and the envelope goes to no shard;
 *       the dispatch thread goes on at once.</li>
 *   <li>Publishing happens-before the handler call that receives the event; what a worker did in
 *       one call happens-before its next call.</li>
 *   <li>A handler that throws is isolated as on a dispatch thread: counted for its worker,
 *       reported to the observers (on the worker thread) and logged; the worker goes on. Every
 *       call starts with a clear interrupt status; one that returns with it set is charged with a
 *       failure.</li>
 * </ul>
 *
 * <p><b>Ending.</b> {@link #unsubscribe()} stops deliveries to the queue (within the bound stated
 * by {@link Subscription}) and tells the workers to stop: they handle what is already queued and
 * end. It does not wait; {@link #awaitTermination(Duration)} does. {@link EventBus#close()} drains
 * the groups like the lanes: it returns once every envelope the lanes accepted went through the
 * groups' handlers and their workers ended, and events the handlers publish while the bus closes
 * are delivered too.
 *
 * <p>The figures below are read without stopping the workers: each is exact for its moment, and
 * figures of different workers may be a few events apart. Every method is safe from any thread.
 */
public interface WorkerGroup extends Subscription {

    /**
     * The shard of {@code key} among {@code shards}: the bus's stable mapping, part of its contract.
     *
     * <p>The key's hash is {@link String#hashCode()} for a string, {@code name().hashCode()} for an
     * enum constant, and {@link Object#hashCode()} otherwise; it is mixed by MurmurHash3's 32-bit
     * finaliser, so that keys whose hashes differ in few bits spread too, and mapped to
     * {@code [0, shards)} by multiply-and-shift ({@code (mixed & 0xFFFFFFFFL) * shards >>> 32}).
     * The shard is therefore the same in every run and every JVM for keys whose hash code is
     * specified (strings, enums, boxed numbers, records of those); a key class that inherits
     * {@code Object}'s identity hash code gets a different shard per instance, which is almost
     * never what is wanted.
     *
     * @throws NullPointerException     if {@code key} is null
     * @throws IllegalArgumentException if {@code shards < 1}
     */
    static int shardOf(Object key, int shards) {
        if (key == null) {
            throw new NullPointerException("shard key must not be null");
        }
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be >= 1 but was " + shards);
        }
        int hash = key instanceof Enum<?> constant ? constant.name().hashCode() : key.hashCode();
        // MurmurHash3's fmix32.
        hash ^= hash >>> 16;
        hash *= 0x85EB_CA6B;
        hash ^= hash >>> 13;
        hash *= 0xC2B2_AE35;
        hash ^= hash >>> 16;
        return (int) (((hash & 0xFFFF_FFFFL) * shards) >>> 32);
    }

    /** Whether events are routed to shards by key, rather than to whichever worker is free. */
    boolean isSharded();

    /** How many worker threads the subscription has: its workers, or its shards. */
    int workerCount();

    /** How many envelopes each of its queues holds at most (one queue per shard when sharded). */
    int queueCapacity();

    /** What the dispatch thread does when a queue is full. */
    GroupOverflow overflow();

    /** Handler calls completed (returned or thrown), all workers together. */
    long received();

    /** Envelopes waiting in the queues now, not yet taken by a worker. */
    int backlog();

    /** Envelopes dropped because a queue was full ({@link GroupOverflow#DROP} only). */
    long dropped();

    /** Handler calls that threw (or returned with the interrupt status set), all workers together. */
    long handlerFailures();

    /** Calls of the key function that threw or returned null; always 0 for a group. */
    long keyFailures();

    /** Each worker's figures now, by index; a list made for the call. */
    List<WorkerStats> workers();

    /**
     * Waits until every worker thread has ended, after {@link #unsubscribe()} or the bus's close.
     *
     * @return whether they all ended within {@code timeout}; false at once if the subscription is
     *         still active and nothing has told the workers to stop
     * @throws IllegalStateException if called on one of its own worker threads, which would wait
     *                               for itself
     * @throws InterruptedException  if the calling thread is interrupted while waiting
     */
    boolean awaitTermination(Duration timeout) throws InterruptedException;
}
