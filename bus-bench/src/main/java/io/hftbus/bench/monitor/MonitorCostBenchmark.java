package io.hftbus.bench.monitor;

import io.hftbus.bench.Contender;
import io.hftbus.bench.Topology;
import io.hftbus.bench.throughput.PipelineBenchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What watching a bus costs its hot path: one publisher to one handler with the statistics, alone
 * and with the web monitor open and a client on its event stream. The target is a ratio of at least
 * 0.95. Not part of the full run ({@code RunAll}); run it with
 * {@code java -jar bus-bench/target/benchmarks.jar 'io.hftbus.bench.monitor.*'}.
 */
@State(Scope.Benchmark)
public class MonitorCostBenchmark extends PipelineBenchmark {

    /** The statistics alone, or watched. */
    @Param({"BUS_STATS", "BUS_STATS_MONITOR"})
    public Contender contender;

    @Override
    protected Contender contender() {
        return contender;
    }

    @Override
    protected Topology topology() {
        return Topology.ONE_TO_ONE;
    }
}
