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
 * Close vs. publish, with the real claim/settle protocol and the real dispatch loop. The publisher
 * publishes and then runs the dispatch loop; the closer closes. Either the event is accepted and
 * delivered before close returns, or it is refused as closed and never delivered; close drains
 * cleanly either way.
 *
 * <p>r1: the publish was accepted (1) or refused as closed (0); r2: deliveries seen when close
 * returned; r3: deliveries at the end; r4: close returned true.
 */
@JCStressTest
@Description("Close vs. publish: nothing accepted is lost, nothing is delivered after close returns")
@Outcome(id = "1, 1, 1, 1", expect = Expect.ACCEPTABLE, desc = "accepted, delivered before close returned")
@Outcome(id = "0, 0, 0, 1", expect = Expect.ACCEPTABLE, desc = "refused as closed, never delivered")
@Outcome(id = "1, 0, 0, 1", expect = Expect.FORBIDDEN, desc = "accepted and lost")
@Outcome(id = "1, 0, 1, 1", expect = Expect.FORBIDDEN, desc = "delivered after close returned")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class CloseVsPublishTest {

    private final Harness.ActorDrivenBus driven = new Harness.ActorDrivenBus("jcstress-close");
    private final AtomicInteger delivered = new AtomicInteger();

    {
        driven.bus.subscribe(MarketDataEvent.class, e -> delivered.incrementAndGet());
    }

    @Actor
    public void publisherThenDispatchThread(IIII_Result r) {
        r.r1 = Harness.publish(driven.bus, 1);
        driven.runDispatcher();
    }

    @Actor
    public void closer(IIII_Result r) {
        r.r4 = driven.bus.close(Duration.ofSeconds(60)) ? 1 : 0;
        r.r2 = delivered.get();
    }

    @Arbiter
    public void end(IIII_Result r) {
        r.r3 = delivered.get();
    }
}
