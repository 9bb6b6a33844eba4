package io.hftbus.core.internal;

import io.hftbus.api.Envelope;
import org.jctools.queues.varhandle.MpscVarHandleArrayQueue;

/**
 * A shard's queue: JCTools' bounded MPSC queue, whose one consumer is the shard's worker. Its offer
 * is a CAS on the producer index, as {@link WorkQueue} requires.
 */
final class ShardQueue extends MpscVarHandleArrayQueue<Envelope<?>> implements WorkQueue {

    /** @param capacity rounded up to a power of two by the queue */
    ShardQueue(int capacity) {
        super(capacity);
    }

    @Override
    public Envelope<?> poll(int worker) {
        // One consumer: the index is the shard's, and nobody else takes from this queue.
        return poll();
    }
}
