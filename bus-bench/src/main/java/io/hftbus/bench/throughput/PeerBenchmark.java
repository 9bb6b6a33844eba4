package io.hftbus.bench.throughput;

import io.hftbus.bench.Contender;
import io.hftbus.bench.Topology;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The queue and ring peers, on every topology. */
@State(Scope.Benchmark)
public class PeerBenchmark extends PipelineBenchmark {

    /** Which peer. */
    @Param({"JCTOOLS", "JCTOOLS_ENVELOPE", "ARRAY_BLOCKING_QUEUE", "DISRUPTOR"})
    public Contender contender;

    /** Which topology. */
    @Param({"ONE_TO_ONE", "ONE_TO_THREE", "TWO_TO_ONE", "ONE_TO_ONE_PULL"})
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
