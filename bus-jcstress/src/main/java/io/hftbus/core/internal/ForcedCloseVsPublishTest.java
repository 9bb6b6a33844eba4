package io.hftbus.core.internal;

import io.hftbus.api.Priority;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A close that gives up at once (timeout zero, no dispatch thread running) vs. a publish. The
 * close seals the lanes and drains them as BUS_CLOSED: an offer that landed before the seal is
 * drained and reported; one the seal refused is reported by its publisher, which then throws.
 * Either way the event is reported exactly once, and nothing is left in a lane.
 *
 * <p>r1: accepted (1) or refused as closed (0); r2: drops reported; r3: envelopes left in the
 * lanes; r4: close returned true.
 */
@JCStressTest
@Description("Forced close vs. publish: an accepted event is reported dropped exactly once, none stays queued")
@Outcome(id = "1, 1, 0, 0", expect = Expect.ACCEPTABLE, desc = "accepted, then dropped as BUS_CLOSED")
@Outcome(id = "0, 0, 0, 0", expect = Expect.ACCEPTABLE, desc = "refused as closed before it was announced")
@Outcome(id = "0, 1, 0, 0", expect = Expect.ACCEPTABLE, desc = "announced, then refused by the seal: reported dropped")
@Outcome(id = "1, 0, 1, 0", expect = Expect.FORBIDDEN, desc = "accepted and stranded in its lane, unreported")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class ForcedCloseVsPublishTest {

    private final Harness.ActorDrivenBus driven = new Harness.ActorDrivenBus("jcstress-forced-close");

    @Actor
    public void publisher(IIII_Result r) {
        r.r1 = Harness.publish(driven.bus, 1);
    }

    @Actor
    public void closer(IIII_Result r) {
        r.r4 = driven.bus.close(Duration.ZERO) ? 1 : 0;
    }

    @Arbiter
    public void end(IIII_Result r) {
        r.r2 = driven.observer.dropped.get();
        int left = 0;
        for (Priority priority : Priority.values()) {
            left += driven.bus.laneDepth(priority);
        }
        r.r3 = left;
    }
}
