package io.hftbus.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.bench.Contender;
import io.hftbus.bench.CoreToCore;
import io.hftbus.bench.Topology;
import io.hftbus.bench.Waiting;
import io.hftbus.bench.latency.LatencyRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
        report.throughput(Contender.BUS, Topology.ONE_TO_ONE, List.of(near(30e6, 40.0)));
        report.throughput(Contender.JCTOOLS, Topology.ONE_TO_ONE, List.of(near(40e6, 0.0)));
        report.throughput(Contender.DISRUPTOR, Topology.ONE_TO_ONE, List.of(near(50e6, 0.0)));
        report.throughput(Contender.BUS_EXCLUSIVE, Topology.ONE_TO_ONE, List.of(near(36e6, 40.0)));
        report.throughput(Contender.BUS_BATCH, Topology.ONE_TO_ONE, List.of(near(60e6, 40.0)));
        report.throughput(Contender.DISRUPTOR_BATCH, Topology.ONE_TO_ONE, List.of(near(120e6, 0.0)));
        report.throughput(Contender.BUS_STATS, Topology.ONE_TO_ONE, List.of(near(27e6, 40.0)));
        Histogram fast = new Histogram(3);
        fast.recordValue(2_000);
        Histogram slow = new Histogram(3);
        slow.recordValue(5_000);
        report.latency(100_000, Contender.BUS, Waiting.YIELDING, List.of(slow), new double[] {65});
        report.latency(100_000, Contender.JCTOOLS, Waiting.YIELDING, List.of(fast), new double[] {65});
        report.latency(100_000, Contender.BUS, Waiting.BUSY_SPIN, List.of(fast), new double[] {65});
        report.latency(100_000, Contender.DISRUPTOR, Waiting.BUSY_SPIN, List.of(slow), new double[] {65});

        String markdown = report.markdown();

        assertThat(markdown).contains("| hftbus | 30.0 (0.75×) |");
        assertThat(markdown).contains("| Disruptor 4 | 50.0 (1.25×) |");
        assertThat(markdown).contains("| concurrent `publish(event)`, stamped, 1→1 ≥ 0.35× JCTools hand-off, cores near"
                + " | 0.75× | met |");
        assertThat(markdown).contains("| exclusive publisher, not stamped, 1→1 ≥ 0.6× JCTools hand-off, cores near"
                + " | 0.90× | met |");
        assertThat(markdown).contains("| exclusive publisher, not stamped, 1→1 ≥ 0.7× Disruptor, cores near"
                + " | 0.72× | met |");
        assertThat(markdown).contains("| batch of 32, stamped, 1→1 ≥ 1.0× Disruptor one event at a time, cores near"
                + " | 1.20× | met |");
        assertThat(markdown).contains("| (reported) batch of 32, stamped, 1→1 against Disruptor publishEvents of 32,"
                + " cores near | 0.50× | — |");
        assertThat(markdown).contains("| bus + stats ≥ 0.85× bus alone, 1→1, cores near | 0.90× | met |");
        assertThat(markdown).contains("| hftbus | YIELDING | 5.00 (2.50×) |");
        assertThat(markdown).contains("| 5.00 (2.50×) | 5.00 @65 ns |\n");
        assertThat(markdown).contains("| p50 at 100k/s ≤ 1.0× Disruptor, BUSY_SPIN | 0.40× | met |");
        assertThat(markdown).contains("| ≤ one envelope per event, any fan-out, batch or way in | 40.0 B/event at most"
                + " | met |");
        assertThat(markdown).contains("| stats adds 0 B/event to the bus | +0.0 B/event at most | met |");

        Path png = dir.resolve("latency.png");
        PercentilePlot.write(List.of(new PercentilePlot.Panel("100k", List.of(
                PercentilePlot.Curve.of("bus", slow, java.awt.Color.RED, false),
                PercentilePlot.Curve.of("jctools", fast, java.awt.Color.BLUE, true)))), "test", png);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void throughputIsReportedPerCoreDistanceAndLatencyAsTheMedianRoundByP99() {
        Report report = new Report("2 cores (test)", "0.00 0.00 0.00", false, Instant.EPOCH);
        // Three rounds; the second JVM of each case ran with its cores far apart.
        report.throughput(Contender.BUS, Topology.ONE_TO_ONE, List.of(new Report.Fork(new double[] {14e6, 15e6, 16e6}, 65, 40),
                new Report.Fork(new double[] {3e6, 4e6, 5e6}, 320, 40), new Report.Fork(new double[] {15e6, 16e6, 17e6}, 70, 43)));
        report.throughput(Contender.JCTOOLS, Topology.ONE_TO_ONE, List.of(new Report.Fork(new double[] {40e6}, 66, 0),
                new Report.Fork(new double[] {16e6}, 300, 0), new Report.Fork(new double[] {60e6}, 64, 0)));
        report.throughput(Contender.DISRUPTOR, Topology.ONE_TO_ONE, List.of(new Report.Fork(new double[] {80e6}, 64, 0),
                new Report.Fork(new double[] {20e6}, 64, 0), new Report.Fork(new double[] {90e6}, 64, 0)));
        List<Histogram> runs = new ArrayList<>();
        for (long p99Micros : new long[] {700, 200, 300}) {
            Histogram run = new Histogram(3);
            run.recordValueWithCount(1_000, 98);
            run.recordValueWithCount(p99Micros * 1_000, 2);
            runs.add(run);
        }
        report.latency(100_000, Contender.BUS, Waiting.BACKOFF, runs, new double[] {64, 321, 66});

        String markdown = report.markdown();

        // Near (7 JVMs): six bus iterations, median 15.5; JCTools 40 and 60, median 50. Far: 4 against 16.
        assertThat(markdown).contains("cores near (core-to-core round trip under 150 ns)");
        assertThat(markdown).contains("| hftbus | 15.5 (0.31×) |");
        assertThat(markdown).contains("| JCTools MPMC hand-off | 50.0 (1.00×) |");
        assertThat(markdown).contains("| hftbus | 4.0 (0.25×) |");
        assertThat(markdown).contains("| Disruptor 4 | – |");
        assertThat(markdown).contains("7 of the run's 9 JVMs measured at this distance (round trips 64–70 ns)");
        assertThat(markdown).contains("| concurrent `publish(event)`, stamped, 1→1 ≥ 0.35× JCTools hand-off, cores near"
                + " | 0.31× | **missed** |");
        assertThat(markdown).doesNotContain("1→1 ≥ 0.35× JCTools hand-off, cores far | 0.25× | met");
        // Allocation is the same whatever the distance: the mean of every JVM's, 40, 40 and 43.
        assertThat(markdown).contains("| ≤ one envelope per event, any fan-out, batch or way in | 41.0 B/event at most"
                + " | met |");
        // The row is the 300 µs round, and lists every round's p99 in the order run, with its distance.
        Report.LatencyRow row = report.latencyRows(100_000).get(Contender.BUS + "/" + Waiting.BACKOFF);
        assertThat(row.histogram()).isSameAs(runs.get(2));
        assertThat(markdown).contains("| 700.4 @64 ns, 200.1 @321 ns, 300.0 @66 ns |");
        assertThatThrownBy(() -> report.latency(100_000, Contender.BUS, Waiting.YIELDING, List.of(), new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BUS YIELDING at 100000");
        assertThatThrownBy(() -> report.latency(100_000, Contender.BUS, Waiting.YIELDING, runs, new double[] {64}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("had 3 rounds and 1 round trips");
        assertThatThrownBy(() -> report.throughput(Contender.BUS, Topology.TWO_TO_ONE,
                List.of(new Report.Fork(new double[0], 64, 40))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BUS on TWO_TO_ONE");
    }

    @Test
    void theCoreToCoreProbeMeasuresARoundTrip() {
        double nanos = CoreToCore.roundTripNanos();

        // Two threads passing a line back and forth: more than a few cycles, far less than a scheduler slice.
        assertThat(nanos).isBetween(5.0, 1_000_000.0);
    }

    private static Report.Fork near(double eventsPerSecond, double bytesPerEvent) {
        return new Report.Fork(new double[] {eventsPerSecond}, 65, bytesPerEvent);
    }
}
