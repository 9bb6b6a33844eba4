package io.hftbus.bench.flow;

import io.hftbus.bench.Contender;
import io.hftbus.bench.Topology;
import io.hftbus.bench.throughput.PipelineBenchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The {@code Flow.Publisher} view beside the stream it is built on: one publisher, one reader on a
 * thread of its own, 1→1. The stream's reader polls and yields; the flow's subscriber is signalled
 * by the flow's thread, which polls, yields, then blocks in the stream's take, and asks for events
 * 256 at a time. Target: the flow at 0.8× the stream or better.
 *
 * <p>Outside {@code RunAll}'s packages: run it with
 * {@code java -jar bus-bench/target/benchmarks.jar 'io.hftbus.bench.flow.*' -prof gc}.
 */
@State(Scope.Benchmark)
public class FlowBenchmark extends PipelineBenchmark {

    /** The stream, or the flow over it. */
    @Param({"BUS", "BUS_FLOW"})
    public Contender contender;

    @Override
    protected Contender contender() {
        return contender;
    }

    @Override
    protected Topology topology() {
        return Topology.ONE_TO_ONE_PULL;
    }
}
