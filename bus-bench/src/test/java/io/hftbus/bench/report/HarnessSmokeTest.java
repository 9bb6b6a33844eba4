package io.hftbus.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.bench.Contender;
import io.hftbus.bench.Topology;
import io.hftbus.bench.Waiting;
import io.hftbus.bench.latency.LatencyRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** One tiny iteration of each part of the harness: it runs, and its output holds what it should. */
class HarnessSmokeTest {

    @Test
    void oneJmhIterationOfTheBusMeasuresThroughputAndAllocation() throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("io\\.hftbus\\.bench\\.throughput\\.BusBenchmark")
                .param("contender", "BUS")
                .param("topology", "ONE_TO_ONE")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .addProfiler(GCProfiler.class)
                .verbosity(VerboseMode.SILENT)
                .build()).run();

        assertThat(results).hasSize(1);
        RunResult result = results.iterator().next();
        assertThat(result.getPrimaryResult().getScore()).isPositive();
        assertThat(result.getSecondaryResults()).containsKey("gc.alloc.rate.norm");
    }

    @Test
    void theLatencyHarnessRecordsEveryMeasuredEventInOrder() {
        long warmup = TimeUnit.MILLISECONDS.toNanos(100);
        long measure = TimeUnit.MILLISECONDS.toNanos(200);
        for (Contender contender : List.of(Contender.BUS, Contender.JCTOOLS, Contender.DISRUPTOR)) {
            LatencyRun.Outcome outcome = LatencyRun.run(new LatencyRun.Settings(contender, Waiting.BACKOFF, 20_000,
                    warmup, measure));

            assertThat(outcome.misordered()).as("%s", contender).isZero();
            assertThat(outcome.published()).as("%s", contender).isEqualTo(2_000 + 4_000);
            assertThat(outcome.histogram().getTotalCount()).as("%s", contender).isEqualTo(4_000);
            assertThat(outcome.histogram().getMinValue()).as("%s", contender).isPositive();
        }
    }

    @Test
    void aHistogramSurvivesTheTripFromTheLatencyJvmToTheReport() {
        Histogram histogram = new Histogram(3);
        histogram.recordValue(1_500);
        histogram.recordValue(2_000_000);

        Histogram decoded = LatencyRun.decode(LatencyRun.encode(histogram));

        assertThat(decoded).isEqualTo(histogram);
    }

    @Test
    void theReportGivesEveryFigureItsRatioToTheJctoolsHandOffAndChecksTheTargets(@TempDir Path dir)
            throws IOException {
        Report report = new Report("2 cores (test)", "0.00 0.00 0.00", true, Instant.EPOCH);
        report.throughput(Contender.BUS, Topology.ONE_TO_ONE, 30e6, 40.0);
        report.throughput(Contender.JCTOOLS, Topology.ONE_TO_ONE, 40e6, 0.0);
        report.throughput(Contender.DISRUPTOR, Topology.ONE_TO_ONE, 50e6, 0.0);
        Histogram fast = new Histogram(3);
        fast.recordValue(2_000);
        Histogram slow = new Histogram(3);
        slow.recordValue(5_000);
        report.latency(100_000, Contender.BUS, Waiting.YIELDING, slow);
        report.latency(100_000, Contender.JCTOOLS, Waiting.YIELDING, fast);

        String markdown = report.markdown();

        assertThat(markdown).contains("| hftbus | 30.0 (0.75×) |");
        assertThat(markdown).contains("| Disruptor 4 | 50.0 (1.25×) |");
        assertThat(markdown).contains("| 1→1 throughput ≥ 0.8× JCTools hand-off | 0.75× | **missed** |");
        assertThat(markdown).contains("| 1→1 throughput ≥ Disruptor | 0.60× | **missed** |");
        assertThat(markdown).contains("| hftbus | YIELDING | 5.00 (2.50×) |");
        assertThat(markdown).contains("| p50 at 100k/s ≤ 2× JCTools hand-off, YIELDING | 2.50× | **missed** |");
        assertThat(markdown).contains("| ≤ one envelope per event, any fan-out | 40.0 B/event at most | met |");

        Path png = dir.resolve("latency.png");
        PercentilePlot.write(List.of(new PercentilePlot.Panel("100k", List.of(
                PercentilePlot.Curve.of("bus", slow, java.awt.Color.RED, false),
                PercentilePlot.Curve.of("jctools", fast, java.awt.Color.BLUE, true)))), "test", png);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }
}
