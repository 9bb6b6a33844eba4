package io.hftbus.core.internal;

import io.hftbus.api.Envelope;

/**
 * The bounded queue between a {@link ParallelSubscriber}'s dispatch side and its workers: a worker
 * group's {@link GroupRing}, or a shard's {@link ShardQueue}.
 *
 * <p><b>Threading.</b> {@link #offer} is called by dispatch threads, any number of them;
 * {@link #poll} by the workers, each with its own index and from its own thread only;
 * {@link #isEmpty} and {@link #size} by any thread. An offer is a CAS on the queue's producer index
 * or stronger, which the wake-up handshake of {@link io.hftbus.core.idle.WakeableSleeper} relies on:
 * a worker that announced its sleep and then finds the queue empty is seen sleeping by the offer's
 * producer.
 */
interface WorkQueue {

    /** Adds {@code envelope}; false, and nothing added, when the queue is full. */
    boolean offer(Envelope<?> envelope);

    /**
     * Takes the next envelope for the worker of index {@code worker}, or null if none is ready. A
     * ring returns null while the next envelope's offer is between its claim and its publish, when
     * {@link #isEmpty()} already says false.
     *
     * @param worker the taking worker's index in its subscription; one thread per index
     */
    Envelope<?> poll(int worker);

    /** Whether nothing is queued: volatile reads of both indices, an estimate under concurrent use. */
    boolean isEmpty();

    /** How many envelopes are queued: an estimate under concurrent use, within {@code [0, capacity]}. */
    int size();
}
