package io.hftbus.core.internal;

import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A worker group's ring, full, vs. a producer that wants the slot a consumer is taking: the ring of
 * two slots holds envelopes 0 and 1; a consumer takes the next (0, whose slot index 2 reuses) while
 * a producer offers envelope 2. The producer may reuse the slot only once the consumer has read it,
 * though the consumer writes nothing into the slot itself (see {@link GroupRing}). The arbiter takes
 * what is left.
 *
 * <p>r1: what the consumer took; r2: 1 if the offer was accepted; r3, r4: what the arbiter took
 * next, -1 for nothing.
 */
@JCStressTest
@Description("GroupRing: a slot is reused only after its consumer read it; nothing lost, nothing twice")
@Outcome(id = "0, 1, 1, 2", expect = Expect.ACCEPTABLE, desc = "the consumer read 0 before the producer reused its slot")
@Outcome(id = "0, 0, 1, -1", expect = Expect.ACCEPTABLE, desc = "the producer found the slot not yet read and was refused")
@Outcome(expect = Expect.FORBIDDEN, desc = "a slot overwritten before its read, or an envelope lost or taken twice")
@State
public class GroupRingReuseTest {

    private final GroupRing ring = new GroupRing(2, 1);

    {
        ring.offer(envelope(0));
        ring.offer(envelope(1));
    }

    private static Envelope<?> envelope(long sequence) {
        return new Envelope<>(sequence, 0L, Priority.NORMAL, Harness.TICK);
    }

    @Actor
    public void consumer(IIII_Result r) {
        r.r1 = taken(ring.poll(0));
    }

    @Actor
    public void producer(IIII_Result r) {
        r.r2 = ring.offer(envelope(2)) ? 1 : 0;
    }

    @Arbiter
    public void rest(IIII_Result r) {
        r.r3 = taken(ring.poll(0));
        r.r4 = taken(ring.poll(0));
    }

    private static int taken(Envelope<?> envelope) {
        return envelope == null ? -1 : (int) envelope.sequence();
    }
}
