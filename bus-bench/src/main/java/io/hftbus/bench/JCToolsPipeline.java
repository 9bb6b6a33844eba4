package io.hftbus.bench;

import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import io.hftbus.api.event.MarketDataEvent;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jctools.queues.varhandle.MpmcVarHandleArrayQueue;

/**
 * The limit of the bus's design: the same JCTools MPMC array queue as a bus lane (the VarHandle
 * flavour) and one consumer thread that calls every receiver. Push and pull are the same thing
 * here: the consumer thread is the application's.
 *
 * <p>Raw, it hands over the event itself: no envelope, no sequence, no time stamp, no routing.
 * With {@code stamped}, the publisher does what the bus's publisher does before its offer: claims
 * a sequence with an atomic increment, reads {@link System#nanoTime()} and wraps the event in an
 * {@link Envelope}; the consumer unwraps it. That isolates what the bus's envelope contract costs
 * from what its lanes, routing and dispatch cost.
 */
final class JCToolsPipeline implements Pipeline {

    private final MpmcVarHandleArrayQueue<Object> queue = new MpmcVarHandleArrayQueue<>(Pipelines.CAPACITY);
    /** Padded like the bus's claim counter, so that the publisher's increments share no line with the consumer. */
    private final AtomicLongArray claims = new AtomicLongArray(CLAIM_SLOT * 2);
    /** The claim counter's slot in {@link #claims}: a cache line of longs on each side of it. */
    private static final int CLAIM_SLOT = 8;
    private final boolean stamped;
    private final ConsumerThread consumer;

    JCToolsPipeline(Waiting waiting, Receiver[] receivers, boolean stamped) {
        this.stamped = stamped;
        consumer = new ConsumerThread("bench-jctools-consumer", receivers, waiting) {
            @Override
            protected boolean takeAndDeliver() {
                Object taken = queue.poll();
                if (taken == null) {
                    return false;
                }
                deliver(taken instanceof Envelope ? (MarketDataEvent) ((Envelope<?>) taken).event()
                        : (MarketDataEvent) taken);
                return true;
            }

            @Override
            protected boolean hasWork() {
                return !queue.isEmpty();
            }
        };
        consumer.start();
    }

    @Override
    public void publish(MarketDataEvent event) {
        Object item = stamped ? new Envelope<>(claims.getAndIncrement(CLAIM_SLOT), System.nanoTime(), Priority.HIGH, event) : event;
        while (!queue.offer(item)) {
            Thread.yield();
        }
        // After the offer's CAS: pairs with the consumer's announce-then-recheck.
        consumer.wake();
    }

    @Override
    public void close() {
        consumer.stop();
    }
}
