package io.hftbus.bench.throughput;

import io.hftbus.bench.Contender;
import io.hftbus.bench.Topology;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** hftbus, alone and with its optional observers, on every topology. */
@State(Scope.Benchmark)
public class BusBenchmark extends PipelineBenchmark {

    /** Which bus set-up. */
    @Param({"BUS", "BUS_STATS", "BUS_STATS_RECORDER"})
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
