package io.hftbus.core.internal;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.LaneConfig;
import io.hftbus.api.Priority;
import io.hftbus.core.idle.WakeableSleeper;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * Publish vs. dispatch on a lane: the dispatch thread's park handshake. The publisher offers into
 * the lane and then calls {@link WakeableSleeper#wake()}, as {@code Publication} does; the
 * dispatch thread calls {@link WakeableSleeper#announceSleep()}, as its sleep does before it parks,
 * with the lane's {@link Lane#hasEnvelopes()} as its last look. The dispatch thread may park only
 * if the publisher will wake it.
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
    private final WakeableSleeper sleeper = new WakeableSleeper(lane::hasEnvelopes, 1_000_000L);

    @Actor
    public void publisher(ZZ_Result r) {
        lane.offer(Harness.ENVELOPE, false);
        r.r1 = sleeper.wake();
    }

    @Actor
    public void dispatcher(ZZ_Result r) {
        r.r2 = sleeper.announceSleep();
    }
}
