package io.hftbus.bench.throughput;

import io.hftbus.bench.Contender;
import io.hftbus.bench.Topology;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The bus's fast ways in beside the Disruptor's: exclusive publishers on a bus that does not stamp,
 * batches of {@value Contender#BATCH} through exclusive publishers, and the Disruptor publishing
 * the same batches with its own {@code publishEvents}. One publisher, pushed to handlers.
 */
@State(Scope.Benchmark)
public class PublishModeBenchmark extends PipelineBenchmark {

    /** Which way in. */
    @Param({"BUS_EXCLUSIVE", "BUS_BATCH", "DISRUPTOR_BATCH"})
    public Contender contender;

    /** Which topology. */
    @Param({"ONE_TO_ONE", "ONE_TO_THREE"})
    public Topology topology;

    @Override
    protected Contender contender() {
        return contender;
    }

    @Override
    protected Topology topology() {
        return topology;
    }
}
