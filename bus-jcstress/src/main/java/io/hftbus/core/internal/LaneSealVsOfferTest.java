package io.hftbus.core.internal;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.Envelope;
import io.hftbus.api.LaneConfig;
import io.hftbus.api.Priority;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A lane's seal vs. offers, a single one and then a batch of two: the seal bit lives in the producer
 * index every offer CASes, so each offer is either in the lane (and counted by the index the dispatch
 * thread drains to) or refused, never both and never neither; once one is refused, so is the next.
 *
 * <p>r1: the single offer's result (0 offered, 2 sealed); r2: how many of the batch were offered
 * (-1 sealed); r3: envelopes a drain finds afterwards.
 */
@JCStressTest
@Description("Lane seal vs. offer: an offer is in the lane or refused by the seal, exactly")
@Outcome(id = "0, 2, 3", expect = Expect.ACCEPTABLE, desc = "both before the seal")
@Outcome(id = "0, -1, 1", expect = Expect.ACCEPTABLE, desc = "single before, batch after the seal")
@Outcome(id = "2, -1, 0", expect = Expect.ACCEPTABLE, desc = "both after the seal")
@Outcome(expect = Expect.FORBIDDEN, desc = "an offer both refused and present, or accepted and missing")
@State
public class LaneSealVsOfferTest {

    private final Lane lane = new Lane(Priority.HIGH, new LaneConfig(8, BackpressurePolicy.BLOCK));
    private final Envelope<?>[] batch = {Harness.ENVELOPE, Harness.ENVELOPE};

    @Actor
    public void publisher(III_Result r) {
        r.r1 = lane.offer(Harness.ENVELOPE, false);
        r.r2 = lane.offerBatch(batch, 0, 2, false);
    }

    @Actor
    public void closer() {
        lane.seal();
    }

    @Arbiter
    public void end(III_Result r) {
        // A drain takes a ready run (up to the first filled look-ahead slot): drain until empty.
        Envelope<?>[] into = new Envelope<?>[8];
        int found = 0;
        for (int taken; (taken = lane.drain(into, 8)) > 0; ) {
            found += taken;
        }
        r.r3 = found;
    }
}
