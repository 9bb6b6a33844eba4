package io.hftbus.bench;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.BusObserver;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventBusBuilder;
import io.hftbus.api.EventStream;
import io.hftbus.api.ExclusivePublisher;
import io.hftbus.api.WaitStrategy;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.stats.StatsCollector;
import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.TimeUnit;

/**
 * hftbus itself: every lane {@link BackpressurePolicy#BLOCK} (so that nothing is dropped and every
 * contender delivers every event), lanes of {@link Pipelines#CAPACITY}, one dispatch thread, and the
 * given observers. Push receivers are handlers; the pull receiver is an application thread polling
 * a stream. How publishers get in is the {@link Mode}.
 */
final class BusPipeline implements Pipeline {

    /** How the pipeline's publishers publish. */
    enum Mode {
        /** {@link EventBus#publish}, safe from any thread; publish times stamped. */
        CONCURRENT,
        /** Each publishing thread through its own {@link ExclusivePublisher}; a bus that does not stamp. */
        EXCLUSIVE_UNSTAMPED,
        /** Each publishing thread through its own {@link ExclusivePublisher}, in batches; stamped. */
        EXCLUSIVE_BATCH
    }

    private final EventBus bus;
    private final ConsumerThread puller;
    private final List<BusObserver> observers;
    private final Mode mode;
    private final EventStreamClient watcher;

    BusPipeline(Topology topology, Waiting waiting, Receiver[] receivers, List<BusObserver> observers, Mode mode) {
        this(topology, waiting, receivers, observers, mode, false);
    }

    /** As above; {@code watched}: with the web monitor open and a client on its event stream. */
    BusPipeline(Topology topology, Waiting waiting, Receiver[] receivers, List<BusObserver> observers, Mode mode,
                boolean watched) {
        this.mode = mode;
        EventBusBuilder builder = EventBus.builder()
                .name("bench")
                .waitStrategy(waiting == Waiting.BUSY_SPIN ? WaitStrategy.BUSY_SPIN
                        : waiting == Waiting.YIELDING ? WaitStrategy.YIELDING : WaitStrategy.BACKOFF)
                .laneCapacity(Pipelines.CAPACITY)
                .backpressure(BackpressurePolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(30))
                .stampPublishTime(mode != Mode.EXCLUSIVE_UNSTAMPED);
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
        StatsCollector stats = observers.stream().filter(StatsCollector.class::isInstance)
                .map(StatsCollector.class::cast).findFirst().orElse(null);
        if (watched && stats == null) {
            throw new IllegalArgumentException("a watched pipeline needs a StatsCollector among its observers");
        }
        watcher = watched ? new EventStreamClient(bus, stats) : null;
    }

    @Override
    public void publish(MarketDataEvent event) {
        bus.publish(event);
    }

    @Override
    public Publisher publisher() {
        if (mode == Mode.CONCURRENT) {
            return bus::publish;
        }
        // Owned by the thread that publishes first: the thread that asked for it.
        ExclusivePublisher exclusive = bus.exclusivePublisher("bench-" + Thread.currentThread().getName());
        ArrayWindow window = new ArrayWindow();
        return new Publisher() {
            @Override
            public void publish(MarketDataEvent event) {
                exclusive.publish(event);
            }

            @Override
            public void publishBatch(MarketDataEvent[] events, int count) {
                exclusive.publishBatch(window.of(events, count));
            }
        };
    }

    /** A reusable list view of the first {@code count} elements of an array: a batch without an allocation. */
    private static final class ArrayWindow extends AbstractList<MarketDataEvent> implements RandomAccess {

        private MarketDataEvent[] events = new MarketDataEvent[0];
        private int count;

        ArrayWindow of(MarketDataEvent[] events, int count) {
            this.events = events;
            this.count = count;
            return this;
        }

        @Override
        public MarketDataEvent get(int index) {
            return events[index];
        }

        @Override
        public int size() {
            return count;
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
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
            super("bench-stream-puller", receivers, waiting == Waiting.BUSY_SPIN ? Waiting.BUSY_SPIN : Waiting.YIELDING);
            this.stream = stream;
            // The stream's own timed poll parks and is woken by the dispatch thread: the BACKOFF
            // family's last step. Its spin and yield steps are the consumer thread's.
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
