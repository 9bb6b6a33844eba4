package io.hftbus.core.internal;

import io.hftbus.api.BusClosedException;
import io.hftbus.api.event.MarketDataEvent;
import java.time.Duration;
import java.util.List;
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
 * Close vs. a batch of three into one lane, claimed with one CAS: the batch is accepted whole or
 * refused whole (its run is one claim), and what the call reports accepted is what is delivered.
 * The publisher then runs the dispatch loop.
 *
 * <p>r1: events the call accepted (3, or {@code BusClosedException.accepted()}); r2: deliveries at
 * the end; r3: announced events reported dropped.
 */
@JCStressTest
@Description("Close vs. batch publish: the accepted count is exactly what is delivered")
@Outcome(id = "3, 3, 0", expect = Expect.ACCEPTABLE, desc = "the batch landed before the seal")
@Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE, desc = "refused before anything was announced")
@Outcome(id = "0, 0, 3", expect = Expect.ACCEPTABLE, desc = "announced, refused by the seal, reported dropped")
@Outcome(expect = Expect.FORBIDDEN, desc = "accepted and lost, or refused and delivered")
@State
public class BatchVsCloseTest {

    private static final List<MarketDataEvent> BATCH = List.of(Harness.TICK, Harness.TICK, Harness.TICK);

    private final Harness.ActorDrivenBus driven = new Harness.ActorDrivenBus("jcstress-batch-close");
    private final AtomicInteger delivered = new AtomicInteger();

    {
        driven.bus.subscribe(MarketDataEvent.class, e -> delivered.incrementAndGet());
    }

    @Actor
    public void publisherThenDispatchThread(III_Result r) {
        try {
            r.r1 = driven.bus.publishBatch(BATCH);
        } catch (BusClosedException refused) {
            r.r1 = refused.accepted();
        }
        driven.runDispatcher();
    }

    @Actor
    public void closer() {
        driven.bus.close(Duration.ofSeconds(60));
    }

    @Arbiter
    public void end(III_Result r) {
        r.r2 = delivered.get();
        r.r3 = driven.observer.dropped.get();
    }
}
