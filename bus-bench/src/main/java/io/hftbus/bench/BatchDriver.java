package io.hftbus.bench;

import io.hftbus.api.event.MarketDataEvent;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Publishes fixed batches into a pipeline and waits until every receiver has seen all of them: the
 * unit of work of the throughput benchmarks, the same for every contender. A batch is smaller than
 * every contender's buffer, so no contender drops and the pull stream never lags; the time of a
 * batch runs from its first publish to the last receiver's last event.
 *
 * <p>With two publishers, the calling thread publishes half of each batch and a helper thread
 * owned by the driver the other half, at the same time. Each publishing thread goes through its own
 * {@link Pipeline.Publisher}, handing over {@code batchSize} events per call.
 */
public final class BatchDriver implements AutoCloseable {

    /** Events per batch (per benchmark invocation). */
    public static final int BATCH = 8192;
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Pipeline pipeline;
    private final Receiver[] receivers;
    private final MarketDataEvent[] events;
    private final SecondPublisher second;
    private Pipeline.Publisher publisher;
    private long expected;

    /**
     * A driver for the pipeline, with a helper publisher if the topology has two publishers.
     *
     * @param batchSize events per publish call, at least 1
     */
    public BatchDriver(Pipeline pipeline, Topology topology, Receiver[] receivers, MarketDataEvent event,
                       int batchSize) {
        if (batchSize < 1 || BATCH % batchSize != 0) {
            throw new IllegalArgumentException("batchSize must divide " + BATCH + " but was " + batchSize);
        }
        this.pipeline = pipeline;
        this.receivers = receivers.clone();
        this.events = new MarketDataEvent[batchSize];
        Arrays.fill(events, event);
        if (topology.publishers() == 2) {
            second = new SecondPublisher(pipeline, events);
            second.start();
        } else if (topology.publishers() == 1) {
            second = null;
        } else {
            throw new IllegalArgumentException("a driver has one or two publishers, not " + topology.publishers());
        }
    }

    /**
     * Publishes {@code count} events and returns once every receiver has seen them.
     *
     * @return the number of events each receiver has seen in total
     * @throws IllegalStateException if a receiver makes no progress for 30 s (a lost event)
     */
    public long runBatch(int count) {
        expected += count;
        int own = count;
        if (second != null) {
            int theirs = count / 2;
            second.request(theirs);
            own -= theirs;
        }
        if (publisher == null) {
            // Asked for on the publishing thread, which owns it from now on.
            publisher = pipeline.publisher();
        }
        publish(publisher, events, own);
        for (Receiver receiver : receivers) {
            await(receiver);
        }
        return expected;
    }

    private void await(Receiver receiver) {
        long lastSeen = receiver.seen();
        long lastProgress = System.nanoTime();
        while (lastSeen < expected) {
            // Yield rather than spin: with two cores the consumer needs the core more than we do.
            Thread.yield();
            long seen = receiver.seen();
            if (seen != lastSeen) {
                lastSeen = seen;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                throw new IllegalStateException("a receiver is stuck at " + seen + " of " + expected + " events");
            }
        }
    }

    /** Publishes {@code count} events, a batch of {@code events.length} per call (the last one shorter). */
    private static void publish(Pipeline.Publisher publisher, MarketDataEvent[] events, long count) {
        if (events.length == 1) {
            for (long i = 0; i < count; i++) {
                publisher.publish(events[0]);
            }
            return;
        }
        for (long done = 0; done < count; ) {
            int n = (int) Math.min(events.length, count - done);
            publisher.publishBatch(events, n);
            done += n;
        }
    }

    /** Stops the helper publisher, if any. The pipeline is the caller's to close. */
    @Override
    public void close() {
        if (second != null) {
            second.stop();
        }
    }

    /** The second publisher thread of the two-publisher topology. */
    private static final class SecondPublisher implements Runnable {

        private final Pipeline pipeline;
        private final MarketDataEvent[] events;
        private final Thread thread;
        /** Events asked for so far; written by the driver's thread, read here. */
        private volatile long requested;
        private volatile boolean running = true;

        SecondPublisher(Pipeline pipeline, MarketDataEvent[] events) {
            this.pipeline = pipeline;
            this.events = events;
            this.thread = new Thread(this, "bench-second-publisher");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void request(int count) {
            // Single writer: the volatile write publishes the new total.
            requested = requested + count;
        }

        @Override
        public void run() {
            Pipeline.Publisher publisher = pipeline.publisher();
            long published = 0;
            while (running) {
                long target = requested;
                if (published == target) {
                    Thread.yield();
                    continue;
                }
                publish(publisher, events, target - published);
                published = target;
            }
        }

        void stop() {
            running = false;
            try {
                TimeUnit.SECONDS.timedJoin(thread, 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
