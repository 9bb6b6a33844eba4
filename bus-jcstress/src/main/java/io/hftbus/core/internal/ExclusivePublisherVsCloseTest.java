package io.hftbus.core.internal;

import io.hftbus.api.BusClosedException;
import io.hftbus.api.ExclusivePublisher;
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
 * Close vs. an exclusive publisher, whose publish claims no shared counter: the lane's seal alone
 * decides. Either the publish returns and the event is delivered before close returns, or it throws
 * {@link BusClosedException} and the event is never delivered (if it was announced, it is reported
 * dropped). The publisher then runs the dispatch loop.
 *
 * <p>r1: published (1) or refused (0); r2: deliveries when close returned; r3: deliveries at the
 * end; r4: announced events reported dropped.
 */
@JCStressTest
@Description("Close vs. exclusive publisher: accepted means delivered, refused means never delivered")
@Outcome(id = "1, 1, 1, 0", expect = Expect.ACCEPTABLE, desc = "accepted, delivered before close returned")
@Outcome(id = "0, 0, 0, 0", expect = Expect.ACCEPTABLE, desc = "refused before it was announced")
@Outcome(id = "0, 0, 0, 1", expect = Expect.ACCEPTABLE, desc = "announced, refused by the seal, reported dropped")
@Outcome(expect = Expect.FORBIDDEN, desc = "lost, delivered late, or both delivered and dropped")
@State
public class ExclusivePublisherVsCloseTest {

    private final Harness.ActorDrivenBus driven = new Harness.ActorDrivenBus("jcstress-exclusive-close");
    private final ExclusivePublisher publisher = driven.bus.exclusivePublisher("jcstress");
    private final AtomicInteger delivered = new AtomicInteger();

    {
        driven.bus.subscribe(MarketDataEvent.class, e -> delivered.incrementAndGet());
    }

    @Actor
    public void publisherThenDispatchThread(IIII_Result r) {
        try {
            publisher.publish(Harness.TICK);
            r.r1 = 1;
        } catch (BusClosedException refused) {
            r.r1 = 0;
        }
        driven.runDispatcher();
    }

    @Actor
    public void closer(IIII_Result r) {
        driven.bus.close(Duration.ofSeconds(60));
        r.r2 = delivered.get();
    }

    @Arbiter
    public void end(IIII_Result r) {
        r.r3 = delivered.get();
        r.r4 = driven.observer.dropped.get();
    }
}
