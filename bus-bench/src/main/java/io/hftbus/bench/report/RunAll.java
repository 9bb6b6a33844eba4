package io.hftbus.bench.report;

import io.hftbus.bench.Contender;
import io.hftbus.bench.Topology;
import io.hftbus.bench.Waiting;
import io.hftbus.bench.latency.LatencyRun;
import io.hftbus.bench.throughput.CoreToCoreProfiler;
import java.awt.Color;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs everything and writes the report: the JMH throughput benchmarks with {@code -prof gc}, then
 * the latency harness for every contender, wait strategy and rate, each case in its own JVM.
 * Every case runs once per round, all cases in a round before the next round begins (see
 * {@link Report} for why and how the rounds are summed up). Prints the markdown tables and writes
 * them ({@code results.md}), the raw JMH JSON of each round ({@code jmh-N.json}), the latency
 * histograms ({@code latency/*.hgrm}) and the percentile plot ({@code latency.png}) to the output
 * folder.
 *
 * <pre>
 * java -cp bus-bench/target/benchmarks.jar io.hftbus.bench.report.RunAll [--quick] [--out DIR]
 *      [--no-jmh] [--no-latency]
 * </pre>
 *
 * {@code --quick} takes about two minutes on two cores (one round); the default, the full run, about
 * 25 minutes (three rounds; per round and case one JVM, warm-up 2 × 1 s, measurement 5 × 1 s;
 * latency warm-up 3 s, measurement 6 s).
 */
public final class RunAll {

    /** The rates of the latency harness, events per second. */
    static final int[] RATES = {100_000, 1_000_000};

    private RunAll() {
    }

    /** How long each part runs. */
    record Plan(boolean quick, Path out, boolean jmh, boolean latency) {

        int rounds() {
            return quick ? 1 : 3;
        }

        int warmupIterations() {
            return quick ? 1 : 2;
        }

        TimeValue warmupTime() {
            return quick ? TimeValue.milliseconds(300) : TimeValue.seconds(1);
        }

        int measurementIterations() {
            return quick ? 3 : 5;
        }

        TimeValue measurementTime() {
            return quick ? TimeValue.milliseconds(300) : TimeValue.seconds(1);
        }

        String latencyWarmupSeconds() {
            return quick ? "0.5" : "3";
        }

        String latencyMeasureSeconds() {
            return quick ? "1" : "6";
        }
    }

    /**
     * Entry point; see the class description for the arguments.
     *
     * @throws Exception if a benchmark or a latency case fails: the report would be incomplete
     */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean jmh = true;
        boolean latency = true;
        Path out = Path.of("bench-results");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick":
                    quick = true;
                    break;
                case "--no-jmh":
                    jmh = false;
                    break;
                case "--no-latency":
                    latency = false;
                    break;
                case "--out":
                    out = Path.of(args[++i]);
                    break;
                case "--replot":
                    replot(Path.of(args[++i]));
                    return;
                default:
                    System.err.println("unknown argument " + args[i]
                            + "; usage: RunAll [--quick] [--out DIR] [--no-jmh] [--no-latency] | --replot DIR");
                    System.exit(2);
            }
        }
        Report report = run(new Plan(quick, out, jmh, latency));
        System.out.println();
        System.out.println(report.markdown());
    }

    /** Runs the plan and writes the report files. */
    static Report run(Plan plan) throws IOException, RunnerException, InterruptedException {
        Files.createDirectories(plan.out());
        Report report = new Report(Machine.describe(), Machine.loadAverage(), plan.quick(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        if (plan.jmh()) {
            runJmh(plan, report);
        }
        if (plan.latency()) {
            runLatency(plan, report);
            writePlot(plan, report);
        }
        report.loadAfter(Machine.loadAverage());
        Files.writeString(plan.out().resolve("results.md"), report.markdown(), StandardCharsets.UTF_8);
        return report;
    }

    private static void runJmh(Plan plan, Report report) throws RunnerException {
        Map<Case, List<Report.Fork>> forks = new LinkedHashMap<>();
        for (int round = 1; round <= plan.rounds(); round++) {
            System.out.println("# throughput, round " + round + " of " + plan.rounds());
            Collection<RunResult> results = new Runner(options(plan, "throughput")
                    .addProfiler(GCProfiler.class)
                    .addProfiler(CoreToCoreProfiler.class)
                    .resultFormat(ResultFormatType.JSON)
                    .result(plan.out().resolve("jmh-" + round + ".json").toString())
                    .build()).run();
            for (RunResult result : results) {
                Case measured = new Case(Contender.valueOf(result.getParams().getParam("contender")),
                        Topology.valueOf(result.getParams().getParam("topology")));
                double[] iterations = result.getBenchmarkResults().stream()
                        .flatMap(benchmark -> benchmark.getIterationResults().stream())
                        .mapToDouble(iteration -> iteration.getPrimaryResult().getScore())
                        .toArray();
                Result<?> roundTrip = result.getSecondaryResults().get(CoreToCoreProfiler.LABEL);
                if (roundTrip == null) {
                    throw new IllegalStateException(measured + " has no " + CoreToCoreProfiler.LABEL + " result");
                }
                Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
                forks.computeIfAbsent(measured, k -> new ArrayList<>()).add(new Report.Fork(iterations,
                        roundTrip.getScore(), allocation == null ? Double.NaN : allocation.getScore()));
            }
        }
        forks.forEach((measured, its) -> report.throughput(measured.contender(), measured.topology(), its));
        // The publish-path cost benchmarks are single-threaded and steadier: one fork after the rounds.
        Collection<RunResult> costs = new Runner(options(plan, "cost").build()).run();
        for (RunResult cost : costs) {
            report.cost(cost.getParams().getBenchmark().replaceAll(".*\\.", ""),
                    cost.getPrimaryResult().getStatistics().getPercentile(50));
        }
    }

    /** One JVM, with the plan's iterations, of the benchmarks in the package {@code io.hftbus.bench.PACKAGE}. */
    private static ChainedOptionsBuilder options(Plan plan, String benchmarkPackage) {
        return new OptionsBuilder()
                .include("io\\.hftbus\\.bench\\." + benchmarkPackage + "\\..*")
                .forks(1)
                .warmupIterations(plan.warmupIterations())
                .warmupTime(plan.warmupTime())
                .measurementIterations(plan.measurementIterations())
                .measurementTime(plan.measurementTime());
    }

    /** A throughput case: one contender on one topology. */
    private record Case(Contender contender, Topology topology) {
    }

    private static void runLatency(Plan plan, Report report) throws IOException, InterruptedException {
        Map<String, List<LatencyRun.Measured>> rounds = new LinkedHashMap<>();
        for (int round = 1; round <= plan.rounds(); round++) {
            System.out.println("# latency, round " + round + " of " + plan.rounds());
            for (int rate : RATES) {
                for (Contender contender : Contender.values()) {
                    for (Waiting waiting : Waiting.values()) {
                        if (contender.has(waiting)) {
                            rounds.computeIfAbsent(caseName(contender, waiting, rate), k -> new ArrayList<>())
                                    .add(runLatencyCase(plan, contender, waiting, rate));
                        }
                    }
                }
            }
        }
        Path histograms = Files.createDirectories(plan.out().resolve("latency"));
        for (int rate : RATES) {
            for (Contender contender : Contender.values()) {
                for (Waiting waiting : Waiting.values()) {
                    List<LatencyRun.Measured> runs = rounds.get(caseName(contender, waiting, rate));
                    if (runs == null) {
                        continue;
                    }
                    report.latency(rate, contender, waiting, runs.stream().map(LatencyRun.Measured::histogram).toList(),
                            runs.stream().mapToDouble(LatencyRun.Measured::roundTripNanos).toArray());
                    Histogram chosen = report.latencyRows(rate).get(contender + "/" + waiting).histogram();
                    try (PrintStream stream = new PrintStream(histograms.resolve(
                            caseName(contender, waiting, rate) + ".hgrm").toFile(), StandardCharsets.UTF_8)) {
                        chosen.outputPercentileDistribution(stream, 1000.0);
                    }
                }
            }
        }
    }

    /** The name of a latency case's percentile file, without its extension. */
    private static String caseName(Contender contender, Waiting waiting, int rate) {
        return contender + "-" + waiting + "-" + rate;
    }

    /**
     * Draws {@code DIR/latency.png} again from the percentile files of an earlier run
     * ({@code DIR/latency/CONTENDER-WAITING-RATE.hgrm}), with the machine line of its
     * {@code results.md}.
     */
    static void replot(Path dir) throws IOException {
        String machine = Files.readAllLines(dir.resolve("results.md")).get(0);
        machine = machine.substring("Machine: ".length(), machine.indexOf(". Load average"));
        List<PercentilePlot.Panel> panels = new ArrayList<>();
        for (int rate : RATES) {
            List<PercentilePlot.Curve> curves = new ArrayList<>();
            for (Contender contender : Contender.values()) {
                for (Waiting waiting : Waiting.values()) {
                    Path file = dir.resolve("latency").resolve(caseName(contender, waiting, rate) + ".hgrm");
                    if (waiting != Waiting.BUSY_SPIN && Files.exists(file)) {
                        curves.add(curveFromPercentileFile(file, contender, waiting));
                    }
                }
            }
            panels.add(new PercentilePlot.Panel("Publish → handler latency at " + Report.rateLabel(rate)
                    + " (coordinated-omission corrected)", curves));
        }
        PercentilePlot.write(panels, machine + "; solid: yielding, dashed: backoff family",
                dir.resolve("latency.png"));
    }

    /** Reads HdrHistogram's percentile distribution output: value (µs) and percentile (0 to 1) per line. */
    private static PercentilePlot.Curve curveFromPercentileFile(Path file, Contender contender, Waiting waiting)
            throws IOException {
        List<double[]> points = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 3 && !line.startsWith("#") && Character.isDigit(fields[0].charAt(0))) {
                points.add(new double[] {Double.parseDouble(fields[1]) * 100, Double.parseDouble(fields[0])});
            }
        }
        double[] percentiles = new double[points.size()];
        double[] micros = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            percentiles[i] = points.get(i)[0];
            micros[i] = points.get(i)[1];
        }
        return new PercentilePlot.Curve(contender.label() + ", " + contender.waitLabel(waiting), percentiles, micros,
                color(contender), waiting == Waiting.BACKOFF && contender != Contender.GUAVA);
    }

    /** One latency case in a JVM of its own, with the same heap for everyone. */
    private static LatencyRun.Measured runLatencyCase(Plan plan, Contender contender, Waiting waiting, int rate)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xms512m", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                LatencyRun.class.getName(), contender.name(), waiting.name(), Integer.toString(rate),
                plan.latencyWarmupSeconds(), plan.latencyMeasureSeconds());
        System.out.println("# latency: " + contender.label() + ", " + contender.waitLabel(waiting) + ", " + rate
                + " events/s");
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String encoded = null;
        double roundTrip = Double.NaN;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("HISTOGRAM ")) {
                    encoded = line.substring("HISTOGRAM ".length());
                } else if (line.startsWith(LatencyRun.ROUND_TRIP_PREFIX)) {
                    roundTrip = Double.parseDouble(line.substring(LatencyRun.ROUND_TRIP_PREFIX.length()));
                    System.out.println("  " + line);
                } else {
                    System.out.println("  " + line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || encoded == null || Double.isNaN(roundTrip)) {
            throw new IllegalStateException("latency case " + contender + " " + waiting + " " + rate
                    + " failed with exit code " + exit + (encoded == null ? ", no histogram" : "")
                    + (Double.isNaN(roundTrip) ? ", no core-to-core round trip" : ""));
        }
        return new LatencyRun.Measured(LatencyRun.decode(encoded), roundTrip);
    }

    private static final Color[] PALETTE = {new Color(0xd62728), new Color(0xff7f0e), new Color(0x8c564b),
        new Color(0x1f77b4), new Color(0x17becf), new Color(0x9467bd), new Color(0x7f7f7f), new Color(0x2ca02c)};

    /** One colour per contender. */
    private static Color color(Contender contender) {
        return PALETTE[contender.ordinal() % PALETTE.length];
    }

    private static void writePlot(Plan plan, Report report) throws IOException {
        List<PercentilePlot.Panel> panels = new ArrayList<>();
        for (int rate : RATES) {
            List<PercentilePlot.Curve> curves = new ArrayList<>();
            for (Map.Entry<String, Report.LatencyRow> entry : report.latencyRows(rate).entrySet()) {
                Report.LatencyRow row = entry.getValue();
                if (row.waiting() == Waiting.BUSY_SPIN) {
                    // In the tables; left out of the plot, which compares the two families that yield.
                    continue;
                }
                curves.add(PercentilePlot.Curve.of(row.contender().label() + ", "
                        + row.contender().waitLabel(row.waiting()), row.histogram(), color(row.contender()),
                        row.waiting() == Waiting.BACKOFF && row.contender() != Contender.GUAVA));
            }
            panels.add(new PercentilePlot.Panel("Publish → handler latency at " + Report.rateLabel(rate)
                    + " (coordinated-omission corrected)", curves));
        }
        PercentilePlot.write(panels, report.machine() + (plan.quick() ? " — quick run" : "") + "; solid: yielding, "
                + "dashed: backoff family", plan.out().resolve("latency.png"));
    }
}
