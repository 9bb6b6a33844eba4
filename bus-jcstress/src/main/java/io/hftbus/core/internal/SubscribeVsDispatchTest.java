package io.hftbus.core.internal;

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
 * Subscribe vs. dispatch (the subscriber table's copy-on-write publication and the subscriber's
 * start sequence). The subscriber subscribes, publishes its own event A and closes: A, claimed
 * after subscribe returned, must arrive exactly once. The other actor publishes event B and then
 * runs the dispatch loop, concurrently with the subscribe: if B's publish had returned before
 * subscribe was called it must not arrive; if it ran concurrently, it may.
 *
 * <p>r1: A deliveries; r2: B deliveries; r3: B's publish had returned before subscribe was called;
 * r4: B was accepted.
 */
@JCStressTest
@Description("Subscribe vs. dispatch: every event claimed after subscribe returned arrives, none claimed before")
@Outcome(id = "1, 0, 0, 0", expect = Expect.ACCEPTABLE, desc = "B refused: the bus had closed")
@Outcome(id = "1, 0, 0, 1", expect = Expect.ACCEPTABLE, desc = "B claimed while subscribe ran, not delivered")
@Outcome(id = "1, 1, 0, 1", expect = Expect.ACCEPTABLE, desc = "B claimed while subscribe ran, delivered")
@Outcome(id = "1, 0, 1, 1", expect = Expect.ACCEPTABLE, desc = "B claimed before subscribe, not delivered")
@Outcome(id = "1, 1, 1, 1", expect = Expect.FORBIDDEN, desc = "B claimed before subscribe was called, delivered")
@Outcome(expect = Expect.FORBIDDEN, desc = "A lost or duplicated, or B duplicated")
@State
public class SubscribeVsDispatchTest {

    private final Harness.ActorDrivenBus driven = new Harness.ActorDrivenBus("jcstress-subscribe");
    private final AtomicInteger deliveredA = new AtomicInteger();
    private final AtomicInteger deliveredB = new AtomicInteger();
    private volatile boolean publishedB;

    @Actor
    public void subscriber(IIII_Result r) {
        r.r3 = publishedB ? 1 : 0;
        driven.bus.subscribe(MarketDataEvent.class, e -> {
            if (e.event().timestamp() == 1) {
                deliveredA.incrementAndGet();
            } else {
                deliveredB.incrementAndGet();
            }
        });
        Harness.publish(driven.bus, 1);
        driven.bus.close(Duration.ofSeconds(60));
    }

    @Actor
    public void otherPublisherThenDispatchThread(IIII_Result r) {
        r.r4 = Harness.publish(driven.bus, 2);
        publishedB = true;
        driven.runDispatcher();
    }

    @Arbiter
    public void end(IIII_Result r) {
        r.r1 = deliveredA.get();
        r.r2 = deliveredB.get();
    }
}
