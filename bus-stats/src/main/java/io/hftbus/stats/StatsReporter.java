package io.hftbus.stats;

import io.hftbus.api.event.EventType;
import io.hftbus.api.stats.LaneStats;
import io.hftbus.api.stats.LatencySnapshot;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.api.stats.TypeStats;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one compact summary line of a {@link StatsCollector} per interval, by default to the SLF4J
 * logger {@code io.hftbus.stats.StatsReporter} at INFO. Nothing runs unless the application starts
 * one; it runs on its own daemon thread, never on a publisher or dispatch thread, and stops when
 * closed.
 *
 * <pre>{@code
 * try (StatsReporter reporter = StatsReporter.start(stats, Duration.ofSeconds(10))) {
 *     ... run ...
 * }
 * }</pre>
 *
 * <p>A line gives what happened during the interval: counts as deltas, and the latency percentiles
 * of the values recorded in that interval (all types together, then the p99 of each type that saw
 * any traffic); lane depths are as read at the end of the interval:
 *
 * <pre>
 * bus 'hftbus' 10.00s: published +120000 received +240000 dropped +12 (lane-full +12, lagging +0, closed +0) failures +0
 *  | latency p50 1.2us p90 2.1us p99 8.4us p99.9 20.1us max 55.0us
 *  | lanes depth/capacity/hwm CRITICAL 0/16384/12 HIGH 3/16384/900 NORMAL 0/16384/4 LOW 0/16384/1
 *  | published/received/dropped MARKET_DATA +100000/+200000/+12 p99 8.4us, ORDER +10/+10/+0 p99 3.1us
 * </pre>
 * (one line in the log; broken here for reading).
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, more than once.
 */
public final class StatsReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatsReporter.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private final StatsCollector stats;
    private final Consumer<String> out;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean closed = new AtomicBoolean();

    // Reporter thread only (the executor runs one task at a time on one thread; the first values are
    // published to it by the task submission).
    private final Histogram[] intervalLatency;
    private final Histogram allTypes;
    private final LatencySnapshot[] typeLatency = new LatencySnapshot[EventType.count()];
    private LatencySnapshot allTypesLatency = LatencySnapshot.EMPTY;
    private StatsSnapshot previous;

    private StatsReporter(StatsCollector stats, Duration interval, Consumer<String> out) {
        this.stats = stats;
        this.out = out;
        this.intervalLatency = stats.openIntervalSink();
        this.allTypes = stats.newHistogram();
        this.previous = stats.snapshot();
        String busName = stats.busName();
        String threadName = "hftbus-stats-reporter" + (busName == null ? "" : "-" + busName);
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long nanos = interval.toNanos();
        executor.scheduleAtFixedRate(this::reportSafely, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Starts reporting to the SLF4J logger {@code io.hftbus.stats.StatsReporter} at INFO.
     *
     * @param stats    the collector to report
     * @param interval time between lines, positive
     * @return the running reporter; close it to stop
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public static StatsReporter start(StatsCollector stats, Duration interval) {
        return start(stats, interval, LOG::info);
    }

    /**
     * Starts reporting to {@code out}, for example a monitoring system's client. {@code out} is
     * called on the reporter's thread, once per interval and once more on close.
     *
     * @param stats    the collector to report
     * @param interval time between lines, positive
     * @param out      receives each line
     * @return the running reporter; close it to stop
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public static StatsReporter start(StatsCollector stats, Duration interval, Consumer<String> out) {
        if (stats == null) {
            throw new NullPointerException("stats must not be null");
        }
        if (interval == null) {
            throw new NullPointerException("interval must not be null");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive but was " + interval);
        }
        if (out == null) {
            throw new NullPointerException("out must not be null");
        }
        return new StatsReporter(stats, interval, out);
    }

    /**
     * Writes a last line for the time since the previous one, stops the thread and waits for it
     * (up to 10 s). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Shutdown cancels the periodic task but runs the one-shot already queued: the last line.
        executor.execute(this::reportSafely);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
                LOG.warn("statistics reporter did not stop within {} s; interrupted it", CLOSE_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            stats.closeIntervalSink(intervalLatency);
        }
    }

    private void reportSafely() {
        try {
            out.accept(nextLine());
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: log and keep reporting.
            LOG.warn("statistics reporter failed to write a line", e);
        }
    }

    /** The line for the time since the previous call. Reporter thread only. */
    String nextLine() {
        StatsSnapshot now = stats.snapshotAndDrain(intervalLatency, this::readIntervalLatency);
        String line = format(stats.busName(), previous, now, typeLatency, allTypesLatency);
        previous = now;
        return line;
    }

    private void readIntervalLatency(Histogram[] perType) {
        if (!stats.latencyAvailable()) {
            Arrays.fill(typeLatency, LatencySnapshot.UNAVAILABLE);
            allTypesLatency = LatencySnapshot.UNAVAILABLE;
            return;
        }
        allTypes.reset();
        for (int i = 0; i < perType.length; i++) {
            typeLatency[i] = StatsCollector.latency(perType[i]);
            allTypes.add(perType[i]);
        }
        allTypesLatency = StatsCollector.latency(allTypes);
    }

    static String format(String busName, StatsSnapshot before, StatsSnapshot now, LatencySnapshot[] typeLatency,
                         LatencySnapshot allTypesLatency) {
        StringBuilder line = new StringBuilder(512);
        line.append("bus '").append(busName == null ? "?" : busName).append("' ")
                .append(String.format(Locale.ROOT, "%.2fs", (now.takenAtNanos() - before.takenAtNanos()) / 1e9))
                .append(": published ").append(delta(now.published() - before.published()))
                .append(" received ").append(delta(now.received() - before.received()))
                .append(" dropped ").append(delta(now.dropped() - before.dropped()));
        long laneFull = 0;
        long lagging = 0;
        long closed = 0;
        long failures = 0;
        for (int i = 0; i < now.types().size(); i++) {
            TypeStats a = before.types().get(i);
            TypeStats b = now.types().get(i);
            laneFull += b.droppedLaneFull() - a.droppedLaneFull();
            lagging += b.droppedStreamLagging() - a.droppedStreamLagging();
            closed += b.droppedBusClosed() - a.droppedBusClosed();
            failures += b.handlerFailures() - a.handlerFailures();
        }
        line.append(" (lane-full ").append(delta(laneFull)).append(", lagging ").append(delta(lagging))
                .append(", closed ").append(delta(closed)).append(") failures ").append(delta(failures));
        if (allTypesLatency.available()) {
            line.append(" | latency p50 ").append(nanos(allTypesLatency.p50()))
                    .append(" p90 ").append(nanos(allTypesLatency.p90()))
                    .append(" p99 ").append(nanos(allTypesLatency.p99()))
                    .append(" p99.9 ").append(nanos(allTypesLatency.p999()))
                    .append(" max ").append(nanos(allTypesLatency.max()));
        } else {
            line.append(" | latency unavailable (publish times not stamped)");
        }
        line.append(" | lanes depth/capacity/hwm");
        for (LaneStats lane : now.lanes()) {
            line.append(' ').append(lane.priority()).append(' ').append(lane.depth()).append('/')
                    .append(lane.capacity()).append('/').append(lane.highWaterMark());
        }
        line.append(" | published/received/dropped");
        boolean any = false;
        for (int i = 0; i < now.types().size(); i++) {
            TypeStats a = before.types().get(i);
            TypeStats b = now.types().get(i);
            long published = b.published() - a.published();
            long received = b.received() - a.received();
            long dropped = b.dropped() - a.dropped();
            if (published == 0 && received == 0 && dropped == 0) {
                continue;
            }
            line.append(any ? ", " : " ").append(b.type()).append(' ').append(delta(published)).append('/')
                    .append(delta(received)).append('/').append(delta(dropped));
            if (typeLatency[i].count() > 0) {
                if (typeLatency[i].available()) {
                    line.append(" p99 ").append(nanos(typeLatency[i].p99()));
                }
            }
            any = true;
        }
        if (!any) {
            line.append(" none");
        }
        return line.toString();
    }

    private static String delta(long value) {
        return (value >= 0 ? "+" : "") + value;
    }

    /** A duration in nanoseconds, in the largest unit that keeps it at or above one. */
    static String nanos(long nanos) {
        if (nanos < 1_000L) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000L) {
            return String.format(Locale.ROOT, "%.1fus", nanos / 1e3);
        }
        if (nanos < 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2fms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2fs", nanos / 1e9);
    }

    @Override
    public String toString() {
        return "StatsReporter[" + stats + (closed.get() ? ", closed" : "") + "]";
    }
}
