package io.hftbus.core.internal;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.BusClosedException;
import io.hftbus.api.DispatchMode;
import io.hftbus.api.EventBusBuilder;
import io.hftbus.api.GroupOptions;
import io.hftbus.api.WaitStrategy;
import io.hftbus.api.event.HealthEvent;
import io.hftbus.api.event.HealthStatus;
import io.hftbus.api.event.MarketDataEvent;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Close vs. a worker group's hand-off and its worker's cascade: the dispatch thread hands a tick to
 * the group's queue, the group's worker (a real thread) handles it and publishes a derived event past
 * the lanes' seal, and the close must wait for both (the groups' quiescence is checked before the
 * lanes) before it ends the workers. The publisher publishes and then runs the dispatch loop; the
 * closer closes.
 *
 * <p>r1: the tick was accepted; r2: ticks handled when close returned; r3: derived events
 * delivered when close returned; r4: close returned true.
 */
@JCStressTest
@Description("Close vs. group hand-off and a worker's derived publish: both delivered before close returns")
@Outcome(id = "1, 1, 1, 1", expect = Expect.ACCEPTABLE, desc = "accepted; handled and its cascade delivered before close returned")
@Outcome(id = "0, 0, 0, 1", expect = Expect.ACCEPTABLE, desc = "refused as closed, never handled")
@Outcome(expect = Expect.FORBIDDEN, desc = "accepted and not handled, or its cascade lost, before close returned")
@State
public class GroupCloseVsPublishTest {

    private final AtomicInteger handled = new AtomicInteger();
    private final AtomicInteger derived = new AtomicInteger();
    private final AtomicInteger factoryCalls = new AtomicInteger();
    private Runnable dispatcher;
    private final CoreEventBus bus = new CoreEventBus(new EventBusBuilder().name("jcstress-group-close")
            .laneCapacity(4).backpressure(BackpressurePolicy.BLOCK).waitStrategy(WaitStrategy.YIELDING)
            .dispatchMode(DispatchMode.SINGLE_THREAD).shutdownTimeout(Duration.ofSeconds(60))
            .threadFactory(task -> {
                if (factoryCalls.getAndIncrement() == 0) {
                    // The dispatch thread: run by an actor.
                    dispatcher = task;
                    return new Harness.UnstartedThread(task);
                }
                // The group's worker: a real thread, whose identity lets it publish past the seal.
                Thread worker = new Thread(task, "jcstress-group-worker");
                worker.setDaemon(true);
                return worker;
            }).config());

    {
        bus.subscribe(HealthEvent.class, e -> derived.incrementAndGet());
        bus.subscribeGroup("stage", MarketDataEvent.class, 1, e -> {
            handled.incrementAndGet();
            try {
                bus.publish(new HealthEvent(1L, "stage", HealthStatus.HEALTHY, ""));
            } catch (BusClosedException refused) {
                // Forbidden: shows as a missing derived event.
            }
        }, GroupOptions.DEFAULTS.withQueueCapacity(2));
    }

    @Actor
    public void publisherThenDispatchThread(IIII_Result r) {
        r.r1 = Harness.publish(bus, 1);
        dispatcher.run();
    }

    @Actor
    public void closer(IIII_Result r) {
        r.r4 = bus.close(Duration.ofSeconds(60)) ? 1 : 0;
        r.r2 = handled.get();
        r.r3 = derived.get();
    }

    @Arbiter
    public void end(IIII_Result r) {
        // Everything is read by the closer; nothing may arrive later.
    }
}
