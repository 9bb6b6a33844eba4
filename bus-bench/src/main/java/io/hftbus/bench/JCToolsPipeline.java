package io.hftbus.bench;

import io.hftbus.api.event.MarketDataEvent;
import org.jctools.queues.varhandle.MpmcVarHandleArrayQueue;

/**
 * The limit of the bus's design: the same JCTools MPMC array queue as a bus lane (the VarHandle
 * flavour), the event itself handed over (no envelope, no sequence, no time stamp, no routing),
 * and one consumer thread that calls every receiver. Push and pull are the same thing here: the
 * consumer thread is the application's.
 */
final class JCToolsPipeline implements Pipeline {

    private final MpmcVarHandleArrayQueue<MarketDataEvent> queue = new MpmcVarHandleArrayQueue<>(Pipelines.CAPACITY);
    private final Idler idler;
    private final ConsumerThread consumer;

    JCToolsPipeline(Waiting waiting, Receiver[] receivers) {
        idler = new Idler(waiting);
        consumer = new ConsumerThread("bench-jctools-consumer", receivers, idler) {
            @Override
            protected boolean takeAndDeliver() {
                MarketDataEvent event = queue.poll();
                if (event == null) {
                    return false;
                }
                deliver(event);
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
        while (!queue.offer(event)) {
            Thread.yield();
        }
        // After the offer's CAS: pairs with the idler's announce-then-recheck.
        idler.wake();
    }

    @Override
    public void close() {
        consumer.stop();
    }
}
