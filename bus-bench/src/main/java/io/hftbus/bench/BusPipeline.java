package io.hftbus.bench;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.BusObserver;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventBusBuilder;
import io.hftbus.api.EventStream;
import io.hftbus.api.WaitStrategy;
import io.hftbus.api.event.MarketDataEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * hftbus itself: every lane {@link BackpressurePolicy#BLOCK} (so that nothing is dropped and every
 * contender delivers every event), lanes of {@link Pipelines#CAPACITY}, one dispatch thread, and the
 * given observers. Push receivers are handlers; the pull receiver is an application thread polling
 * a stream.
 */
final class BusPipeline implements Pipeline {

    private final EventBus bus;
    private final ConsumerThread puller;
    private final List<BusObserver> observers;

    BusPipeline(Topology topology, Waiting waiting, Receiver[] receivers, List<BusObserver> observers) {
        EventBusBuilder builder = EventBus.builder()
                .name("bench")
                .waitStrategy(waiting == Waiting.YIELDING ? WaitStrategy.YIELDING : WaitStrategy.BACKOFF)
                .laneCapacity(Pipelines.CAPACITY)
                .backpressure(BackpressurePolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(30));
        observers.forEach(builder::observer);
        this.observers = List.copyOf(observers);
        bus = builder.build();
        if (topology.pull()) {
            EventStream<MarketDataEvent> stream = bus.stream(MarketDataEvent.class, Pipelines.CAPACITY);
            puller = new StreamPuller(stream, receivers, waiting);
            puller.start();
        } else {
            puller = null;
            for (Receiver receiver : receivers) {
                bus.subscribe(MarketDataEvent.class, envelope -> receiver.onEvent(envelope.event()));
            }
        }
    }

    @Override
    public void publish(MarketDataEvent event) {
        bus.publish(event);
    }

    @Override
    public void close() {
        bus.close();
        if (puller != null) {
            puller.stop();
        }
        for (BusObserver observer : observers) {
            if (observer instanceof AutoCloseable) {
                try {
                    ((AutoCloseable) observer).close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing observer " + observer + " failed", e);
                }
            }
        }
    }

    /** The application thread of the pull topology. */
    private static final class StreamPuller extends ConsumerThread {

        private final EventStream<MarketDataEvent> stream;
        private final boolean blocking;

        StreamPuller(EventStream<MarketDataEvent> stream, Receiver[] receivers, Waiting waiting) {
            super("bench-stream-puller", receivers, new Idler(Waiting.YIELDING));
            this.stream = stream;
            // The stream's own timed poll parks and is woken by the dispatch thread: the BACKOFF
            // family's last step. Its spin and yield steps are the idler's.
            this.blocking = waiting == Waiting.BACKOFF;
        }

        @Override
        protected boolean takeAndDeliver() {
            Envelope<MarketDataEvent> envelope = stream.poll();
            if (envelope == null && blocking) {
                try {
                    envelope = stream.poll(10, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    // stop() interrupts: the loop sees that it is no longer running.
                    return false;
                }
            }
            if (envelope == null) {
                return false;
            }
            deliver(envelope.event());
            return true;
        }

        @Override
        protected boolean hasWork() {
            return stream.size() > 0;
        }
    }
}
