package io.hftbus.core.internal;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

/**
 * Two publishers claiming sequence blocks at once: the blocks never overlap, so sequences stay
 * unique within the bus although each publisher then hands them out with plain increments.
 *
 * <p>r1, r2: the first sequence of each publisher's block of {@value SequenceBlocks#BLOCK}.
 */
@JCStressTest
@Description("Sequence blocks: two concurrent claims get disjoint blocks")
@Outcome(id = "0, 4096", expect = Expect.ACCEPTABLE, desc = "first publisher claimed first")
@Outcome(id = "4096, 0", expect = Expect.ACCEPTABLE, desc = "second publisher claimed first")
@Outcome(expect = Expect.FORBIDDEN, desc = "overlapping blocks")
@State
public class SequenceBlocksTest {

    private final SequenceBlocks blocks = new SequenceBlocks();

    @Actor
    public void first(JJ_Result r) {
        r.r1 = blocks.claim(SequenceBlocks.BLOCK);
    }

    @Actor
    public void second(JJ_Result r) {
        r.r2 = blocks.claim(SequenceBlocks.BLOCK);
    }
}
