package io.hftbus.bench.report;

import io.hftbus.bench.Contender;
import io.hftbus.bench.CoreToCore;
import io.hftbus.bench.Topology;
import io.hftbus.bench.Waiting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The figures of one run and their markdown: throughput and allocation per contender and topology,
 * latency percentiles per rate, contender and wait strategy, each with its ratio to the raw JCTools
 * hand-off measured in the same run, and the targets checked against them.
 *
 * <p>A run measures every case in each of several rounds, one contender after another, so that a
 * stretch of bad scheduling on a shared machine falls on all of them rather than on whichever came
 * up then. Every JVM also measures how far apart its two cores are ({@link CoreToCore}): on a
 * virtual machine that changes from one JVM to the next and moves every contender's throughput by
 * several times, so throughput is reported per {@link Distance}, as the median of every iteration
 * of the JVMs measured at that distance, and ratios compare figures of the same distance only. A
 * latency row is the round whose p99 is the median of the rounds' p99s, shown with all of them and
 * the distance of each.
 */
final class Report {

    /**
     * One latency case.
     *
     * @param histogram      the median round's (by p99)
     * @param roundP99Nanos  every round's p99, in the order run
     * @param roundTripNanos every round's core-to-core round trip, in the same order
     */
    record LatencyRow(Contender contender, Waiting waiting, Histogram histogram, long[] roundP99Nanos,
                      double[] roundTripNanos) {
    }

    /**
     * One JVM's measurement of a throughput case.
     *
     * @param scores         its iterations' scores, events per second; at least one
     * @param roundTripNanos its core-to-core round trip
     * @param bytesPerEvent  its {@code gc.alloc.rate.norm}, or NaN if not measured
     */
    record Fork(double[] scores, double roundTripNanos, double bytesPerEvent) {
    }

    /** How far apart the cores were, by the core-to-core round trip. */
    enum Distance {
        /** Round trip under {@value Report#NEAR_NANOS} ns, as when the two cores share a core complex. */
        NEAR("cores near", String.format(Locale.ROOT, "cores near (core-to-core round trip under %.0f ns)", NEAR_NANOS)),
        /** Round trip of {@value Report#NEAR_NANOS} ns or more. */
        FAR("cores far", String.format(Locale.ROOT, "cores far apart (core-to-core round trip %.0f ns or more)",
                NEAR_NANOS));

        private final String shortLabel;
        private final String label;

        Distance(String shortLabel, String label) {
            this.shortLabel = shortLabel;
            this.label = label;
        }

        static Distance of(double roundTripNanos) {
            return roundTripNanos < NEAR_NANOS ? NEAR : FAR;
        }
    }

    /** Between the two distances measured on the machine of docs/performance, about 65 and 320 ns. */
    static final double NEAR_NANOS = 150;

    private static final double[] PERCENTILES = {50, 99, 99.9, 99.99, 100};
    private static final String[] PERCENTILE_NAMES = {"p50", "p99", "p99.9", "p99.99", "max"};

    private final String machine;
    private final String loadBefore;
    private final boolean quick;
    private final Instant started;
    private String loadAfter = "unknown";
    private final Map<Contender, Map<Topology, List<Fork>>> forks = new EnumMap<>(Contender.class);
    private final Map<Contender, Map<Topology, Double>> bytesPerEvent = new EnumMap<>(Contender.class);
    private final Map<Integer, Map<String, LatencyRow>> latency = new LinkedHashMap<>();
    private final Map<String, Double> costNanos = new LinkedHashMap<>();

    Report(String machine, String loadBefore, boolean quick, Instant started) {
        this.machine = machine;
        this.loadBefore = loadBefore;
        this.quick = quick;
        this.started = started;
    }

    String machine() {
        return machine;
    }

    void loadAfter(String load) {
        loadAfter = load;
    }

    /**
     * Records one throughput case.
     *
     * @param measured every JVM that measured it; at least one
     */
    void throughput(Contender contender, Topology topology, List<Fork> measured) {
        if (measured.isEmpty() || measured.stream().anyMatch(fork -> fork.scores().length == 0)) {
            throw new IllegalArgumentException("throughput of " + contender + " on " + topology
                    + " needs at least one JVM, each with at least one score");
        }
        forks.computeIfAbsent(contender, c -> new EnumMap<>(Topology.class)).put(topology, List.copyOf(measured));
        double meanBytes = measured.stream().mapToDouble(Fork::bytesPerEvent).average().orElseThrow();
        bytesPerEvent.computeIfAbsent(contender, c -> new EnumMap<>(Topology.class)).put(topology, meanBytes);
    }

    /** The median of every iteration measured at the distance, or null if no JVM of the case was. */
    Double eventsPerSecond(Distance distance, Contender contender, Topology topology) {
        List<Fork> measured = forks.getOrDefault(contender, Map.of()).get(topology);
        if (measured == null) {
            return null;
        }
        double[] scores = measured.stream().filter(fork -> Distance.of(fork.roundTripNanos()) == distance)
                .flatMapToDouble(fork -> Arrays.stream(fork.scores())).toArray();
        return scores.length == 0 ? null : median(scores);
    }

    /** The median; of an even count, the mean of the middle two. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    void cost(String step, double medianNanos) {
        costNanos.put(step, medianNanos);
    }

    /**
     * Records one latency case.
     *
     * @param rounds         each round's histogram, in the order run; at least one
     * @param roundTripNanos each round's core-to-core round trip, in the same order
     */
    void latency(int rate, Contender contender, Waiting waiting, List<Histogram> rounds, double[] roundTripNanos) {
        if (rounds.isEmpty() || rounds.size() != roundTripNanos.length) {
            throw new IllegalArgumentException("latency of " + contender + " " + waiting + " at " + rate
                    + " events/s needs at least one round and a round trip for each, but had " + rounds.size()
                    + " rounds and " + roundTripNanos.length + " round trips");
        }
        long[] p99s = rounds.stream().mapToLong(histogram -> histogram.getValueAtPercentile(99)).toArray();
        List<Histogram> byP99 = new ArrayList<>(rounds);
        byP99.sort(Comparator.comparingLong(histogram -> histogram.getValueAtPercentile(99)));
        // Of an even count, the lower middle: a row must be one real run, not an average of two.
        Histogram median = byP99.get((byP99.size() - 1) / 2);
        latency.computeIfAbsent(rate, r -> new LinkedHashMap<>())
                .put(contender + "/" + waiting, new LatencyRow(contender, waiting, median, p99s, roundTripNanos.clone()));
    }

    Map<String, LatencyRow> latencyRows(int rate) {
        return latency.getOrDefault(rate, Map.of());
    }

    static String rateLabel(int rate) {
        return rate >= 1_000_000 ? rate / 1_000_000 + "M events/s" : rate / 1_000 + "k events/s";
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(machine).append(". Load average (1, 5, 15 min) ").append(loadBefore)
                .append(" before, ").append(loadAfter).append(" after. ")
                .append(quick ? "Quick run" : "Full run").append(", ").append(started).append(".\n\n");
        if (!forks.isEmpty()) {
            for (Distance distance : Distance.values()) {
                throughputTable(md, distance);
            }
            allocationTable(md);
        }
        if (!costNanos.isEmpty()) {
            costTable(md);
        }
        for (Map.Entry<Integer, Map<String, LatencyRow>> entry : latency.entrySet()) {
            latencyTable(md, entry.getKey(), entry.getValue());
        }
        targets(md);
        return md.toString();
    }

    private void throughputTable(StringBuilder md, Distance distance) {
        int jvms = 0;
        int all = 0;
        double nearest = Double.POSITIVE_INFINITY;
        double farthest = 0;
        for (Map<Topology, List<Fork>> row : forks.values()) {
            for (List<Fork> measured : row.values()) {
                for (Fork fork : measured) {
                    all++;
                    if (Distance.of(fork.roundTripNanos()) == distance) {
                        jvms++;
                        nearest = Math.min(nearest, fork.roundTripNanos());
                        farthest = Math.max(farthest, fork.roundTripNanos());
                    }
                }
            }
        }
        if (jvms == 0) {
            return;
        }
        md.append("### Throughput, publish → handler, ").append(distance.label).append(" (million events/s, median"
                + " of the iterations; ×: ratio to the JCTools hand-off at the same distance, higher is better)\n\n");
        header(md, "contender");
        for (Contender contender : forks.keySet()) {
            md.append("| ").append(contender.label());
            for (Topology topology : Topology.values()) {
                Double value = eventsPerSecond(distance, contender, topology);
                Double base = eventsPerSecond(distance, Contender.JCTOOLS, topology);
                md.append(" | ");
                if (value == null) {
                    md.append(contender.supports(topology) ? "–" : "n/a");
                } else {
                    md.append(String.format(Locale.ROOT, "%.1f", value / 1e6));
                    if (base != null && base > 0) {
                        md.append(String.format(Locale.ROOT, " (%.2f×)", value / base));
                    }
                }
            }
            md.append(" |\n");
        }
        md.append(String.format(Locale.ROOT, "%n%d of the run's %d JVMs measured at this distance (round trips"
                + " %.0f–%.0f ns); –: none of a case's JVMs was; n/a: the contender has no such topology. Every"
                + " contender waits in the yielding family (hftbus `YIELDING`, Disruptor `YieldingWaitStrategy`,"
                + " spin-then-yield consumer threads for the queues; Guava's executor blocks). One batch of 8192 events"
                + " per invocation, timed until every receiver has seen all of it; the batch contenders hand them over"
                + " %d per call.%n%n", jvms, all, nearest, farthest, Contender.BATCH));
    }

    private void allocationTable(StringBuilder md) {
        md.append("### Allocation (bytes per event, all threads, JMH `-prof gc` `gc.alloc.rate.norm`)\n\n");
        header(md, "contender");
        for (Contender contender : bytesPerEvent.keySet()) {
            md.append("| ").append(contender.label());
            for (Topology topology : Topology.values()) {
                Double value = bytesPerEvent.get(contender).get(topology);
                md.append(" | ").append(value == null ? "n/a" : String.format(Locale.ROOT, "%.1f", value));
            }
            md.append(" |\n");
        }
        md.append('\n');
    }

    private void costTable(StringBuilder md) {
        md.append("### The steps of a publish, one thread alone (ns per call, median; `PublishPathCostBenchmark`)\n\n"
                + "| step | ns |\n|---|---:|\n");
        Map<String, String> names = Map.of(
                "claimSequence", "an atomic increment (what one shared sequence claim per publish cost)",
                "timestamp", "publish time stamp (`System.nanoTime()`)",
                "envelope", "envelope (allocation and checks)",
                "offerAndPoll", "lane offer + poll (JCTools MPMC, all the raw hand-off pays)");
        for (Map.Entry<String, Double> entry : costNanos.entrySet()) {
            md.append("| ").append(names.getOrDefault(entry.getKey(), entry.getKey())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", entry.getValue())).append(" |\n");
        }
        md.append('\n');
    }

    private static void header(StringBuilder md, String first) {
        md.append("| ").append(first);
        for (Topology topology : Topology.values()) {
            md.append(" | ").append(topology.label());
        }
        md.append(" |\n|---");
        for (int i = 0; i < Topology.values().length; i++) {
            md.append("|---:");
        }
        md.append("|\n");
    }

    private void latencyTable(StringBuilder md, int rate, Map<String, LatencyRow> rows) {
        md.append("### Latency at ").append(rateLabel(rate)).append(", publish → handler, 1→1 (µs, from the intended"
                + " send time; of each case the round whose p99 is the median; ×: ratio to the JCTools hand-off with"
                + " the same wait family, lower is better)\n\n");
        md.append("| contender | wait strategy");
        for (String name : PERCENTILE_NAMES) {
            md.append(" | ").append(name);
        }
        md.append(" | p99 of each round @ its round trip |\n|---|---");
        for (int i = 0; i < PERCENTILE_NAMES.length; i++) {
            md.append("|---:");
        }
        md.append("|---:|\n");
        for (LatencyRow row : rows.values()) {
            LatencyRow base = rows.get(Contender.JCTOOLS + "/" + row.waiting());
            md.append("| ").append(row.contender().label()).append(" | ").append(row.contender().waitLabel(row.waiting()));
            for (double percentile : PERCENTILES) {
                double micros = micros(row.histogram(), percentile);
                md.append(" | ").append(String.format(Locale.ROOT, micros < 10 ? "%.2f" : "%.1f", micros));
                if (base != null && row != base) {
                    md.append(String.format(Locale.ROOT, " (%.2f×)", micros / Math.max(0.001, micros(base.histogram(),
                            percentile))));
                }
            }
            md.append(" | ");
            for (int i = 0; i < row.roundP99Nanos().length; i++) {
                double micros = row.roundP99Nanos()[i] / 1000.0;
                md.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, micros < 10 ? "%.2f" : "%.1f", micros))
                        .append(String.format(Locale.ROOT, " @%.0f ns", row.roundTripNanos()[i]));
            }
            md.append(" |\n");
        }
        md.append('\n');
    }

    private static double micros(Histogram histogram, double percentile) {
        long nanos = percentile >= 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(percentile);
        return nanos / 1000.0;
    }

    /** The targets the bus is held to, each checked against this run's figures where it has them. */
    private void targets(StringBuilder md) {
        StringBuilder rows = new StringBuilder();
        for (Distance distance : Distance.values()) {
            String at = ", " + distance.shortLabel;
            Double bus11 = eventsPerSecond(distance, Contender.BUS, Topology.ONE_TO_ONE);
            Double bus13 = eventsPerSecond(distance, Contender.BUS, Topology.ONE_TO_THREE);
            Double exclusive11 = eventsPerSecond(distance, Contender.BUS_EXCLUSIVE, Topology.ONE_TO_ONE);
            Double batch11 = eventsPerSecond(distance, Contender.BUS_BATCH, Topology.ONE_TO_ONE);
            Double jctools11 = eventsPerSecond(distance, Contender.JCTOOLS, Topology.ONE_TO_ONE);
            Double disruptor11 = eventsPerSecond(distance, Contender.DISRUPTOR, Topology.ONE_TO_ONE);
            target(rows, "concurrent `publish(event)`, stamped, 1→1 ≥ 0.35× JCTools hand-off" + at, bus11, jctools11,
                    0.35, true);
            target(rows, "exclusive publisher, not stamped, 1→1 ≥ 0.6× JCTools hand-off" + at, exclusive11, jctools11,
                    0.6, true);
            target(rows, "exclusive publisher, not stamped, 1→1 ≥ 0.7× Disruptor" + at, exclusive11, disruptor11, 0.7,
                    true);
            target(rows, "batch of " + Contender.BATCH + ", stamped, 1→1 ≥ 1.0× Disruptor one event at a time" + at,
                    batch11, disruptor11, 1.0, true);
            target(rows, "(reported) batch of " + Contender.BATCH + ", stamped, 1→1 against Disruptor publishEvents of "
                    + Contender.BATCH + at, batch11,
                    eventsPerSecond(distance, Contender.DISRUPTOR_BATCH, Topology.ONE_TO_ONE), Double.NaN, true);
            target(rows, "1→3 fan-out, one dispatch thread, ≥ 0.8× the same bus's 1→1" + at, bus13, bus11, 0.8, true);
            for (Topology topology : Topology.values()) {
                target(rows, "bus + stats ≥ 0.85× bus alone, " + topology.label() + at,
                        eventsPerSecond(distance, Contender.BUS_STATS, topology),
                        eventsPerSecond(distance, Contender.BUS, topology), 0.85, true);
            }
        }
        Map<String, LatencyRow> at100k = latency.getOrDefault(100_000, Map.of());
        for (Waiting waiting : Waiting.values()) {
            LatencyRow bus = at100k.get(Contender.BUS + "/" + waiting);
            LatencyRow stats = at100k.get(Contender.BUS_STATS + "/" + waiting);
            target(rows, "bus + stats p99 at 100k/s ≤ 1.2× bus alone, " + waiting,
                    stats == null ? null : micros(stats.histogram(), 99), bus == null ? null : micros(bus.histogram(), 99),
                    1.2, false);
        }
        LatencyRow spinningBus = at100k.get(Contender.BUS + "/" + Waiting.BUSY_SPIN);
        LatencyRow spinningExclusive = at100k.get(Contender.BUS_EXCLUSIVE + "/" + Waiting.BUSY_SPIN);
        LatencyRow spinningDisruptor = at100k.get(Contender.DISRUPTOR + "/" + Waiting.BUSY_SPIN);
        Double disruptorP50 = spinningDisruptor == null ? null : micros(spinningDisruptor.histogram(), 50);
        target(rows, "p50 at 100k/s ≤ 1.0× Disruptor, BUSY_SPIN", spinningBus == null ? null
                : micros(spinningBus.histogram(), 50), disruptorP50, 1.0, false);
        target(rows, "(reported) p50 at 100k/s, exclusive publisher, against Disruptor, BUSY_SPIN",
                spinningExclusive == null ? null : micros(spinningExclusive.histogram(), 50), disruptorP50, Double.NaN,
                false);
        allocationTargets(rows);
        if (rows.length() > 0) {
            md.append("### Targets\n\n| target | measured | |\n|---|---:|---|\n").append(rows).append('\n');
        }
    }

    /** At most one envelope per event on every way in and topology; the observers add nothing. */
    private void allocationTargets(StringBuilder rows) {
        double maxBytes = Double.NaN;
        for (Contender contender : List.of(Contender.BUS, Contender.BUS_EXCLUSIVE, Contender.BUS_BATCH)) {
            for (Topology topology : Topology.values()) {
                Double bytes = value(bytesPerEvent, contender, topology);
                if (bytes != null && !bytes.isNaN()) {
                    maxBytes = Double.isNaN(maxBytes) ? bytes : Math.max(maxBytes, bytes);
                }
            }
        }
        if (!Double.isNaN(maxBytes)) {
            // An envelope is 40 bytes with compressed references (32 without); anything more is a second object.
            rows.append(String.format(Locale.ROOT, "| ≤ one envelope per event, any fan-out, batch or way in | %.1f B/event"
                    + " at most | %s |%n", maxBytes, maxBytes <= 48 ? "met" : "**missed**"));
        }
        for (Contender observed : List.of(Contender.BUS_STATS, Contender.BUS_STATS_RECORDER)) {
            double added = Double.NaN;
            for (Topology topology : Topology.values()) {
                Double with = value(bytesPerEvent, observed, topology);
                Double without = value(bytesPerEvent, Contender.BUS, topology);
                if (with != null && without != null && !with.isNaN() && !without.isNaN()) {
                    added = Double.isNaN(added) ? with - without : Math.max(added, with - without);
                }
            }
            if (!Double.isNaN(added)) {
                // Under one byte: a rounding of JMH's allocation profiler, or an allocation once per run.
                rows.append(String.format(Locale.ROOT, "| %s adds 0 B/event to the bus | %+.1f B/event at most | %s |%n",
                        observed.label().replace("hftbus + ", ""), added, added < 1.0 ? "met" : "**missed**"));
            }
        }
    }

    /** One target row; a NaN factor is a ratio reported without a target. */
    private static void target(StringBuilder rows, String name, Double bus, Double other, double factor,
                               boolean higherIsBetter) {
        if (bus == null || other == null || other <= 0) {
            return;
        }
        double ratio = bus / other;
        String verdict = Double.isNaN(factor) ? "—" : (higherIsBetter ? ratio >= factor : ratio <= factor) ? "met"
                : "**missed**";
        rows.append(String.format(Locale.ROOT, "| %s | %.2f× | %s |%n", name, ratio, verdict));
    }

    private static Double value(Map<Contender, Map<Topology, Double>> table, Contender contender, Topology topology) {
        Map<Topology, Double> row = table.get(contender);
        return row == null ? null : row.get(topology);
    }
}
