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
 * Adds the {@link CoreToCore} round trip, measured in the benchmark's own JVM after each iteration,
 * to the results as {@value #LABEL} (the lowest of the iterations, in ns): the distance between the
 * cores the figures of that fork were measured at.
 *
 * <pre>java -jar benchmarks.jar BusBenchmark -prof io.hftbus.bench.throughput.CoreToCoreProfiler</pre>
 */
public final class CoreToCoreProfiler implements InternalProfiler {

    /** The secondary result's name. */
    public static final String LABEL = "core-to-core.round-trip";

    @Override
    public String getDescription() {
        return "core-to-core cache-line round trip, ns, measured after each iteration";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        // Measured after the iteration, when the batch is over and the pipeline's threads are idle.
    }

    @Override
    public List<Result<?>> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                          IterationResult result) {
        return List.of(new ScalarResult(LABEL, CoreToCore.roundTripNanos(), "ns", AggregationPolicy.MIN));
    }
}
