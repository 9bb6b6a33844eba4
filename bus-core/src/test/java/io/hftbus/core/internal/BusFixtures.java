package io.hftbus.core.internal;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.BusConfig;
import io.hftbus.api.BusObserver;
import io.hftbus.api.DispatchMode;
import io.hftbus.api.EventBusBuilder;
import io.hftbus.api.WaitStrategy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/** Configurations and probes shared by the reliability tests; their events come from {@code SampleEvents}. */
final class BusFixtures {

    private BusFixtures() {
    }

    /** A builder for a bus of small BLOCK lanes, with observers. */
    static EventBusBuilder builder(String name, BusObserver... observers) {
        EventBusBuilder builder = new EventBusBuilder().name(name).laneCapacity(64).backpressure(BackpressurePolicy.BLOCK)
                .waitStrategy(WaitStrategy.BACKOFF).dispatchMode(DispatchMode.SINGLE_THREAD)
                .blockTimeout(Duration.ofSeconds(5)).shutdownTimeout(Duration.ofSeconds(10));
        for (BusObserver observer : observers) {
            builder.observer(observer);
        }
        return builder;
    }

    static CoreEventBus bus(BusConfig config) {
        return new CoreEventBus(config);
    }

    /** Every lane's producer position now, by lane ordinal: where the next accepted envelope lands. */
    static long[] lanePositions(CoreEventBus bus) {
        return bus.lanePositions();
    }

    /** A factory of the bus's dispatch threads that remembers them, to check they end. */
    static final class RecordingThreadFactory implements ThreadFactory {

        final List<Thread> threads = new CopyOnWriteArrayList<>();
        private final String prefix;

        RecordingThreadFactory(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, prefix + "-" + threads.size());
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        }

        /** Joins every thread, up to the deadline in all; true if none is alive then. */
        boolean allEndWithin(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Thread thread : threads) {
                long remaining = deadline - System.nanoTime();
                if (remaining > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
                }
            }
            return threads.stream().noneMatch(Thread::isAlive);
        }
    }
}
