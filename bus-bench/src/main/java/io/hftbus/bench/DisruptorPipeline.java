package io.hftbus.bench;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
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
 * <p>Wait strategies: {@link BusySpinWaitStrategy} for {@link Waiting#BUSY_SPIN};
 * {@link YieldingWaitStrategy} for {@link Waiting#YIELDING}; for {@link Waiting#BACKOFF},
 * {@link PhasedBackoffWaitStrategy#withLiteLock} (spin, then yield, then block on a lock that
 * publishers signal only when someone waits), the Disruptor's closest match to the bus's
 * spin-yield-park.
 *
 * <p>With {@code batched}, a publisher's batch goes in with the Disruptor's own batch publish,
 * {@link RingBuffer#publishEvents(EventTranslatorOneArg, int, int, Object[])}: one claim of the
 * batch's slots and one publication.
 */
final class DisruptorPipeline implements Pipeline {

    /** One ring slot. Written by the publisher that claimed it, read by the handlers after publication. */
    static final class Slot {
        MarketDataEvent event;
    }

    /** Copies the event into its slot; stateless, so one instance serves every publisher. */
    private static final EventTranslatorOneArg<Slot, MarketDataEvent> TRANSLATOR = (slot, sequence, event) ->
            slot.event = event;

    private final Disruptor<Slot> disruptor;
    private final boolean batched;
    private final RingBuffer<Slot> ring;
    private final ConsumerThread poller;

    DisruptorPipeline(Topology topology, Waiting waiting, Receiver[] receivers, boolean batched) {
        this.batched = batched;
        ProducerType producers = topology.publishers() == 1 ? ProducerType.SINGLE : ProducerType.MULTI;
        WaitStrategy strategy = waiting == Waiting.BUSY_SPIN ? new BusySpinWaitStrategy()
                : waiting == Waiting.YIELDING ? new YieldingWaitStrategy()
                : PhasedBackoffWaitStrategy.withLiteLock(10, 100, TimeUnit.MICROSECONDS);
        if (topology.pull()) {
            disruptor = null;
            ring = RingBuffer.create(producers, Slot::new, Pipelines.CAPACITY, strategy);
            EventPoller<Slot> eventPoller = ring.newPoller();
            ring.addGatingSequences(eventPoller.getSequence());
            poller = new RingPoller(eventPoller, ring, receivers, waiting);
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
        }
    }

    @Override
    public void publish(MarketDataEvent event) {
        // next() waits while the ring is full; publish() is the release store that hands the slot over.
        long sequence = ring.next();
        ring.get(sequence).event = event;
        ring.publish(sequence);
        if (poller != null) {
            poller.wake();
        }
    }

    @Override
    public Publisher publisher() {
        if (!batched) {
            return this::publish;
        }
        return new Publisher() {
            @Override
            public void publish(MarketDataEvent event) {
                DisruptorPipeline.this.publish(event);
            }

            @Override
            public void publishBatch(MarketDataEvent[] events, int count) {
                // Claims the batch's slots at once (waiting while the ring is full) and publishes them together.
                ring.publishEvents(TRANSLATOR, 0, count, events);
                if (poller != null) {
                    poller.wake();
                }
            }
        };
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

        RingPoller(EventPoller<Slot> eventPoller, RingBuffer<Slot> ring, Receiver[] receivers, Waiting waiting) {
            super("bench-disruptor-poller", receivers, waiting);
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
