package io.hftbus.bench.latency;

import io.hftbus.bench.Contender;
import io.hftbus.bench.CoreToCore;
import io.hftbus.bench.Pipeline;
import io.hftbus.bench.Receiver;
import io.hftbus.bench.Topology;
import io.hftbus.bench.Waiting;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The latency harness, outside JMH: one publisher sends at a fixed rate into a 1→1 pipeline, and
 * the receiver records, after a warm-up, the time from each event's intended send time to its
 * arrival (see {@link LatencyReceiver}). Run one case per JVM ({@link #main}) so that no contender
 * inherits another's compiled code or garbage.
 *
 * <p>The publisher spins until each event is due: on two cores that leaves one core to the
 * contender's consumer thread, the situation the wait strategies are compared in.
 */
public final class LatencyRun {

    /** Highest latency recorded exactly: 10 s; beyond, values are clamped to it. */
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How often the publisher checks that it is not a whole ring ahead of the receiver. */
    private static final int GUARD_INTERVAL = 1024;

    private LatencyRun() {
    }

    /**
     * What to run.
     *
     * @param contender      the pipeline
     * @param waiting        its wait-strategy family
     * @param eventsPerSecond the publisher's rate, at least 1
     * @param warmupNanos    how long to publish before recording
     * @param measureNanos   how long to publish while recording
     */
    public record Settings(Contender contender, Waiting waiting, int eventsPerSecond, long warmupNanos,
                           long measureNanos) {

        /** Validates the settings. */
        public Settings {
            if (contender == null || waiting == null) {
                throw new NullPointerException("Settings.contender and Settings.waiting must not be null but were "
                        + contender + " and " + waiting);
            }
            if (eventsPerSecond < 1 || eventsPerSecond > 100_000_000) {
                throw new IllegalArgumentException("Settings.eventsPerSecond must be within [1, 1e8] but was "
                        + eventsPerSecond);
            }
            if (warmupNanos < 0 || measureNanos <= 0) {
                throw new IllegalArgumentException("Settings.warmupNanos must be >= 0 and measureNanos > 0 but were "
                        + warmupNanos + " and " + measureNanos);
            }
        }
    }

    /**
     * The outcome of a run.
     *
     * @param histogram latencies in nanoseconds, measured events only
     * @param published events published, warm-up included
     * @param misordered events that arrived out of order or were not the one sent (must be 0)
     */
    public record Outcome(Histogram histogram, long published, long misordered) {
    }

    /**
     * What the report gets from a latency JVM.
     *
     * @param histogram      the case's latencies, ns
     * @param roundTripNanos the JVM's core-to-core round trip, measured before the case ran
     */
    public record Measured(Histogram histogram, double roundTripNanos) {
    }

    /** The line of {@link #main}'s output that gives the core-to-core round trip. */
    public static final String ROUND_TRIP_PREFIX = "CORE_TO_CORE_NS ";

    /** Runs one case in this JVM and returns its histogram. */
    public static Outcome run(Settings settings) {
        long period = TimeUnit.SECONDS.toNanos(1) / settings.eventsPerSecond();
        long warmupEvents = settings.warmupNanos() / period;
        long total = warmupEvents + settings.measureNanos() / period;
        Schedule schedule = new Schedule();
        Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
        LatencyReceiver receiver = new LatencyReceiver(schedule, warmupEvents, histogram);
        Pipeline pipeline = settings.contender().open(Topology.ONE_TO_ONE, settings.waiting(), new Receiver[] {receiver});
        try {
            Pipeline.Publisher publisher = pipeline.publisher();
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
            for (long i = 0; i < total; i++) {
                long due = start + i * period;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                // Every GUARD_INTERVAL events only, to keep the publisher off the receiver's cache line.
                while ((i & (GUARD_INTERVAL - 1)) == 0 && i - receiver.seen() >= Schedule.RING - GUARD_INTERVAL) {
                    // The contender is nearly a whole ring behind: wait rather than overwrite a slot
                    // it has not read. The delay is charged to the late events, as it should be.
                    Thread.yield();
                }
                schedule.plan(i, due);
                publisher.publish(schedule.event(i));
            }
            awaitAll(receiver, total);
        } finally {
            pipeline.close();
        }
        return new Outcome(histogram, total, receiver.misordered());
    }

    private static void awaitAll(Receiver receiver, long total) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (receiver.seen() < total) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the receiver got " + receiver.seen() + " of " + total + " events");
            }
            Thread.yield();
        }
    }

    /**
     * Runs one case and prints it for {@code RunAll}: a {@code LATENCY} line with the percentiles
     * in nanoseconds and a {@code HISTOGRAM} line with the whole histogram, compressed, in Base64.
     *
     * <p>Arguments: contender waiting eventsPerSecond warmupSeconds measureSeconds.
     */
    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: LatencyRun CONTENDER BUSY_SPIN|YIELDING|BACKOFF EVENTS_PER_SECOND WARMUP_S MEASURE_S");
            System.exit(2);
        }
        Settings settings = new Settings(Contender.valueOf(args[0]), Waiting.valueOf(args[1]), Integer.parseInt(args[2]),
                seconds(args[3]), seconds(args[4]));
        // Before the pipeline's threads exist, so that nothing competes with the probe's two threads.
        System.out.printf(Locale.ROOT, "%s%.1f%n", ROUND_TRIP_PREFIX, CoreToCore.roundTripNanos());
        Outcome outcome = run(settings);
        if (outcome.misordered() != 0) {
            System.err.println(outcome.misordered() + " events arrived out of order");
            System.exit(1);
        }
        Histogram histogram = outcome.histogram();
        System.out.printf(Locale.ROOT, "LATENCY %s %s %d count=%d p50=%d p99=%d p99.9=%d p99.99=%d max=%d%n",
                settings.contender(), settings.waiting(), settings.eventsPerSecond(), histogram.getTotalCount(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9), histogram.getValueAtPercentile(99.99), histogram.getMaxValue());
        System.out.println("HISTOGRAM " + encode(histogram));
    }

    private static long seconds(String text) {
        return (long) (Double.parseDouble(text) * 1e9);
    }

    /** The histogram, compressed, in Base64. */
    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /** The inverse of {@link #encode}. */
    public static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not a compressed histogram: " + e.getMessage(), e);
        }
    }
}
