package io.hftbus.core.internal;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.BusClosedException;
import io.hftbus.api.BusObserver;
import io.hftbus.api.DispatchMode;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBusBuilder;
import io.hftbus.api.Priority;
import io.hftbus.api.Subscription;
import io.hftbus.api.WaitStrategy;
import io.hftbus.api.event.MarketDataEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the jcstress tests share. They live in the core's package (on the class path) so that they
 * drive the real lanes, dispatcher, subscriber table and streams, not a model of them.
 */
final class Harness {

    private Harness() {
    }

    static final MarketDataEvent TICK = new MarketDataEvent(1L, "ES", 6000.0, 1.0, 5999.5, 1.0, 6000.5, 1.0);

    static final Envelope<MarketDataEvent> ENVELOPE = new Envelope<>(0L, 0L, Priority.HIGH, TICK);

    /** An observer chain with no observers, for deliveries driven by a test. */
    static final ObserverChain NO_OBSERVERS = new ObserverChain("jcstress", List.of());

    /**
     * A started bus that is never closed and never published to, for tests that need a bus only as
     * the owner of what they build (its name, its empty observer chain, its close flag).
     */
    static final CoreEventBus IDLE_BUS = new CoreEventBus(new EventBusBuilder().name("jcstress-idle")
            .laneCapacity(2).waitStrategy(WaitStrategy.BLOCKING).config());

    /** What a publish did: 1 accepted, 0 refused because the bus was closed. */
    static int publish(CoreEventBus bus, long counter) {
        try {
            bus.publish(new MarketDataEvent(counter, "ES", 6000.0, 1.0, 5999.5, 1.0, 6000.5, 1.0));
            return 1;
        } catch (BusClosedException closed) {
            return 0;
        }
    }

    /** Counts what the bus reports, from any thread. */
    static final class CountingObserver implements BusObserver {

        final AtomicInteger published = new AtomicInteger();
        final AtomicInteger delivered = new AtomicInteger();
        final AtomicInteger dropped = new AtomicInteger();

        @Override
        public void onPublished(Envelope<?> envelope) {
            published.incrementAndGet();
        }

        @Override
        public void onDelivered(Envelope<?> envelope, Subscription subscription, long deliveredNanos) {
            delivered.incrementAndGet();
        }

        @Override
        public void onDropped(Envelope<?> envelope, Subscription subscription, DropReason reason) {
            dropped.incrementAndGet();
        }
    }

    /**
     * A bus whose dispatch thread is run by one of the test's actors: the bus's thread factory hands
     * out a thread that does not start, and the actor calls {@link #runDispatcher()}, which returns
     * once the bus has closed and drained. jcstress runs a test only with as many actors as CPUs
     * (two on the CI machine), so an actor plays the dispatch thread after its own part. Waiting is
     * YIELDING: the dispatcher never parks, so an unpark aimed at the unstarted thread is not
     * needed. No OS thread is made per instance.
     */
    static final class ActorDrivenBus {

        final CoreEventBus bus;
        final CountingObserver observer = new CountingObserver();
        private Runnable dispatcher;

        ActorDrivenBus(String name) {
            bus = new CoreEventBus(new EventBusBuilder().name(name).laneCapacity(4).observer(observer)
                    .backpressure(BackpressurePolicy.BLOCK).waitStrategy(WaitStrategy.YIELDING)
                    .dispatchMode(DispatchMode.SINGLE_THREAD).shutdownTimeout(Duration.ofSeconds(60))
                    .threadFactory(task -> {
                        dispatcher = task;
                        return new UnstartedThread(task);
                    }).config());
        }

        void runDispatcher() {
            dispatcher.run();
        }
    }

    /** A thread object the bus may start and join: starting does nothing, so it is never alive. */
    static final class UnstartedThread extends Thread {

        UnstartedThread(Runnable task) {
            super(task, "jcstress-actor-driven-dispatch");
        }

        @Override
        public void start() {
            // An actor of the test runs the task instead.
        }
    }
}
