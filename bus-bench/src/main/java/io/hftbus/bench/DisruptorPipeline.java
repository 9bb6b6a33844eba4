package io.hftbus.bench;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.hftbus.api.event.MarketDataEvent;
import java.util.concurrent.TimeUnit;

/**
 * LMAX Disruptor 4: a ring of {@link Pipelines#CAPACITY} slots that hold a reference to the event.
 * Push receivers are multicast event handlers, each on its own thread, as the Disruptor is built to
 * be used; the pull receiver is an application thread with an {@link EventPoller}. Single-producer
 * sequencer for one publisher, multi-producer for two.
 *
 * <p>Wait strategies: {@link YieldingWaitStrategy} for {@link Waiting#YIELDING}; for
 * {@link Waiting#BACKOFF}, {@link PhasedBackoffWaitStrategy#withLiteLock} (spin, then yield, then
 * block on a lock that publishers signal only when someone waits), the Disruptor's closest match
 * to the bus's spin-yield-park.
 */
final class DisruptorPipeline implements Pipeline {

    /** One ring slot. Written by the publisher that claimed it, read by the handlers after publication. */
    static final class Slot {
        MarketDataEvent event;
    }

    private final Disruptor<Slot> disruptor;
    private final RingBuffer<Slot> ring;
    private final ConsumerThread poller;
    private final Idler pollerIdler;

    DisruptorPipeline(Topology topology, Waiting waiting, Receiver[] receivers) {
        ProducerType producers = topology.publishers() == 1 ? ProducerType.SINGLE : ProducerType.MULTI;
        WaitStrategy strategy = waiting == Waiting.YIELDING ? new YieldingWaitStrategy()
                : PhasedBackoffWaitStrategy.withLiteLock(10, 100, TimeUnit.MICROSECONDS);
        if (topology.pull()) {
            disruptor = null;
            ring = RingBuffer.create(producers, Slot::new, Pipelines.CAPACITY, strategy);
            EventPoller<Slot> eventPoller = ring.newPoller();
            ring.addGatingSequences(eventPoller.getSequence());
            pollerIdler = new Idler(waiting);
            poller = new RingPoller(eventPoller, ring, receivers, pollerIdler);
            poller.start();
        } else {
            disruptor = new Disruptor<>(Slot::new, Pipelines.CAPACITY, runnable -> {
                Thread thread = new Thread(runnable, "bench-disruptor-handler");
                thread.setDaemon(true);
                return thread;
            }, producers, strategy);
            // A generic array for the varargs call: the Disruptor only reads it.
            @SuppressWarnings({"unchecked", "rawtypes"})
            EventHandler<Slot>[] handlers = new EventHandler[receivers.length];
            for (int i = 0; i < receivers.length; i++) {
                Receiver receiver = receivers[i];
                handlers[i] = (slot, sequence, endOfBatch) -> receiver.onEvent(slot.event);
            }
            disruptor.handleEventsWith(handlers);
            ring = disruptor.start();
            poller = null;
            pollerIdler = null;
        }
    }

    @Override
    public void publish(MarketDataEvent event) {
        // next() waits while the ring is full; publish() is the release store that hands the slot over.
        long sequence = ring.next();
        ring.get(sequence).event = event;
        ring.publish(sequence);
        if (pollerIdler != null) {
            pollerIdler.wake();
        }
    }

    @Override
    public void close() {
        if (disruptor != null) {
            disruptor.halt();
        } else {
            poller.stop();
        }
    }

    /** The application thread of the pull topology: takes every published slot in one poll. */
    private static final class RingPoller extends ConsumerThread {

        private final EventPoller<Slot> eventPoller;
        private final RingBuffer<Slot> ring;
        private final EventPoller.Handler<Slot> handler = (slot, sequence, endOfBatch) -> {
            deliver(slot.event);
            return true;
        };

        RingPoller(EventPoller<Slot> eventPoller, RingBuffer<Slot> ring, Receiver[] receivers, Idler idler) {
            super("bench-disruptor-poller", receivers, idler);
            this.eventPoller = eventPoller;
            this.ring = ring;
        }

        @Override
        protected boolean takeAndDeliver() {
            try {
                return eventPoller.poll(handler) == EventPoller.PollState.PROCESSING;
            } catch (Exception e) {
                throw new IllegalStateException("Disruptor poll failed", e);
            }
        }

        @Override
        protected boolean hasWork() {
            // The cursor is read with acquire; ahead of the poller's sequence means a published slot.
            return ring.getCursor() > eventPoller.getSequence().get();
        }
    }
}
