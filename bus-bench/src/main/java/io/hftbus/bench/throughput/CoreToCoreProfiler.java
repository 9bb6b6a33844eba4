package io.hftbus.bench.throughput;

import io.hftbus.bench.CoreToCore;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds the {@link CoreToCore} round trip of the benchmark's own JVM to the results as
 * {@value #LABEL} (ns): the distance between the cores the figures of that fork were measured at.
 * {@link PipelineBenchmark} measures it when it sets up a trial, before the pipeline's threads
 * start, since a probe run beside them can be starved of a core; this profiler reports it with each
 * iteration, and fails the benchmark if it was never measured.
 *
 * <pre>java -jar benchmarks.jar BusBenchmark -prof io.hftbus.bench.throughput.CoreToCoreProfiler</pre>
 */
public final class CoreToCoreProfiler implements InternalProfiler {

    /** The secondary result's name. */
    public static final String LABEL = "core-to-core.round-trip";

    @Override
    public String getDescription() {
        return "core-to-core cache-line round trip, ns, measured when the trial was set up";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        // Nothing to do: the figure was measured in the trial's set-up.
    }

    @Override
    public List<Result<?>> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                          IterationResult result) {
        double roundTrip = CoreToCore.lastRoundTripNanos();
        if (Double.isNaN(roundTrip)) {
            throw new IllegalStateException(benchmarkParams.getBenchmark() + " did not measure the core-to-core"
                    + " round trip in its set-up; " + LABEL + " is only reported for PipelineBenchmark subclasses");
        }
        return List.of(new ScalarResult(LABEL, roundTrip, "ns", AggregationPolicy.MIN));
    }
}
