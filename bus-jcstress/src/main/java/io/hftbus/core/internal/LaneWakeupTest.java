package io.hftbus.core.internal;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.LaneConfig;
import io.hftbus.api.Priority;
import io.hftbus.api.WaitStrategy;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * Publish vs. dispatch on a lane: the dispatcher's park handshake. The publisher offers into the
 * lane and then calls {@link Dispatcher#wakeIfSleeping()}, as {@code CoreEventBus.afterOffer}
 * does; the dispatcher calls {@link Dispatcher#announceSleep()}, as {@code park()} does before it
 * parks. The dispatcher may park only if the publisher will wake it.
 */
@JCStressTest
@Description("Dispatcher park handshake: an offer is seen by the dispatcher, or the publisher wakes it")
@Outcome(id = "true, true", expect = Expect.ACCEPTABLE, desc = "publisher saw the sleeper and woke it; it parks")
@Outcome(id = "true, false", expect = Expect.ACCEPTABLE, desc = "both saw each other; an extra unpark")
@Outcome(id = "false, false", expect = Expect.ACCEPTABLE, desc = "dispatcher saw the envelope and does not park")
@Outcome(id = "false, true", expect = Expect.FORBIDDEN, desc = "lost wake-up: parks with an envelope in its lane")
@State
public class LaneWakeupTest {

    private final Lane lane = new Lane(Priority.CRITICAL, new LaneConfig(2, BackpressurePolicy.BLOCK));
    private final Dispatcher dispatcher = new Dispatcher(Harness.IDLE_BUS, new Lane[] {lane}, WaitStrategy.BLOCKING);

    {
        lane.dispatcher = dispatcher;
    }

    @Actor
    public void publisher(ZZ_Result r) {
        lane.queue.offer(Harness.ENVELOPE);
        r.r1 = lane.dispatcher.wakeIfSleeping();
    }

    @Actor
    public void dispatcher(ZZ_Result r) {
        r.r2 = dispatcher.announceSleep();
    }
}
