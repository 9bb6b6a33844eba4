package io.hftbus.core.internal;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.Envelope;
import io.hftbus.api.LaneConfig;
import io.hftbus.api.Priority;
import org.jctools.queues.varhandle.MpmcVarHandleArrayQueue;

/**
 * One priority's bounded queue of envelopes, with its policy and the counters the close protocol
 * and the statistics read.
 *
 * <p>The queue is JCTools' VarHandle MPMC array queue: publishers offer from any thread, and more
 * than one consumer may poll (the dispatch thread, and {@code close()} when it has to give up on a
 * stuck dispatch thread). It needs no {@code sun.misc.Unsafe}.
 *
 * <p>Publishers read only the final fields here; what the dispatch thread writes on every event
 * ({@link #consumed}) sits on its own cache line so that it does not slow their reads.
 */
final class Lane {

    final Priority priority;
    final BackpressurePolicy policy;
    final MpmcVarHandleArrayQueue<Envelope<?>> queue;
    final int capacity;

    /**
     * Envelopes polled by the lane's dispatch thread. Single writer (that thread), release stores;
     * read with acquire by the close protocol, which then sees those envelopes as settled.
     */
    final PaddedCounter consumed = new PaddedCounter(0);

    /** Highest depth the dispatch thread sampled. Single writer, written only when it grows. */
    volatile int highWaterMark;

    /** The thread that drains this lane; set once before any dispatch thread starts. */
    Dispatcher dispatcher;

    Lane(Priority priority, LaneConfig config) {
        this.priority = priority;
        this.policy = config.backpressure();
        this.queue = new MpmcVarHandleArrayQueue<>(config.capacity());
        this.capacity = queue.capacity();
    }

    /** Called by the lane's dispatch thread with a depth it just read. */
    void sampleDepth(int depth) {
        if (depth > highWaterMark) {
            highWaterMark = depth;
        }
    }
}
