package io.hftbus.bench.throughput;

import io.hftbus.bench.Contender;
import io.hftbus.bench.Topology;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Guava AsyncEventBus, on every topology but pull, which it has no API for. */
@State(Scope.Benchmark)
public class GuavaBenchmark extends PipelineBenchmark {

    /** The Guava bus. */
    @Param({"GUAVA"})
    public Contender contender;

    /** Which topology. */
    @Param({"ONE_TO_ONE", "ONE_TO_THREE", "TWO_TO_ONE"})
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
