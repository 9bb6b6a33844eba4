package io.hftbus.core.internal;

import io.hftbus.api.Subscription;
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
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Unsubscribe vs. dispatch (the active flag read before each delivery, and the table's
 * copy-on-write removal). One actor publishes event A and then runs the dispatch loop, racing the
 * unsubscribe: A may or may not arrive, at most once. The other unsubscribes, publishes event B
 * and closes: B, claimed after unsubscribe returned, must not arrive.
 *
 * <p>r1: A deliveries; r2: B deliveries; r3: A was accepted.
 */
@JCStressTest
@Description("Unsubscribe vs. dispatch: no delivery of an event claimed after unsubscribe returned")
@Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE, desc = "A refused: the bus had closed")
@Outcome(id = "0, 0, 1", expect = Expect.ACCEPTABLE, desc = "A dispatched after the unsubscribe, not delivered")
@Outcome(id = "1, 0, 1", expect = Expect.ACCEPTABLE, desc = "A delivered before the unsubscribe")
@Outcome(expect = Expect.FORBIDDEN, desc = "B delivered after unsubscribe returned, or a duplicate")
@State
public class UnsubscribeVsDispatchTest {

    private final Harness.ActorDrivenBus driven = new Harness.ActorDrivenBus("jcstress-unsubscribe");
    private final AtomicInteger deliveredA = new AtomicInteger();
    private final AtomicInteger deliveredB = new AtomicInteger();
    private final Subscription subscription = driven.bus.subscribe(MarketDataEvent.class, e -> {
        if (e.event().timestamp() == 1) {
            deliveredA.incrementAndGet();
        } else {
            deliveredB.incrementAndGet();
        }
    });

    @Actor
    public void publisherThenDispatchThread(III_Result r) {
        r.r3 = Harness.publish(driven.bus, 1);
        driven.runDispatcher();
    }

    @Actor
    public void unsubscriber() {
        subscription.unsubscribe();
        Harness.publish(driven.bus, 2);
        driven.bus.close(Duration.ofSeconds(60));
    }

    @Arbiter
    public void end(III_Result r) {
        r.r1 = deliveredA.get();
        r.r2 = deliveredB.get();
    }
}
