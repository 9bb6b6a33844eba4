package io.hftbus.monitor;

import io.hftbus.api.event.EventType;
import io.hftbus.api.stats.BusStats;
import io.hftbus.api.stats.LatencySnapshot;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.stats.LatencyWindow;
import io.hftbus.stats.StatsCollector;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the statistics once per interval on its own daemon thread, never on one of the bus's,
 * and posts each reading as a {@link Sample}. The bus is not touched: the statistics are read
 * through {@link BusStats#snapshot()}, whose lock the bus's threads never take.
 *
 * <p>Thread-safe: {@link #start()} and {@link #close()} from any thread; the sampling state is the
 * sampler thread's alone.
 */
final class Sampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);

    private final String bus;
    private final BusStats stats;
    private final Map<String, Supplier<Map<String, Long>>> counters;
    private final long intervalNanos;
    private final SampleBoard board;
    private final SampleJson json = new SampleJson();
    private final ScheduledExecutorService thread;

    /**
     * Each type's latency per sample interval, when the statistics are a collector (other
     * {@link BusStats} have percentiles since start only); opened by {@link #start()}.
     */
    private volatile LatencyWindow window;

    // Sampler thread only.
    private StatsSnapshot previous;
    private long sequence;

    Sampler(String bus, BusStats stats, Map<String, Supplier<Map<String, Long>>> counters, long intervalNanos,
            SampleBoard board) {
        this.bus = bus;
        this.stats = stats;
        this.counters = counters;
        this.intervalNanos = intervalNanos;
        this.board = board;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread sampler = new Thread(task, "hftbus-monitor-sampler-" + bus);
            sampler.setDaemon(true);
            return sampler;
        });
    }

    /**
     * Starts sampling, the first sample at once, then one per interval, all on the sampler thread;
     * returns once the first sample is up, so that a client never finds the board empty.
     *
     * @throws IllegalStateException if the first sample is not taken within ten seconds
     */
    void start() {
        if (stats instanceof StatsCollector) {
            window = ((StatsCollector) stats).openLatencyWindow();
        }
        thread.scheduleAtFixedRate(this::sampleQuietly, 0, intervalNanos, TimeUnit.NANOSECONDS);
        try {
            if (board.awaitAfter(0, TimeUnit.SECONDS.toNanos(10)) == null) {
                throw new IllegalStateException("the monitor of bus '" + bus + "' took no sample within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the monitor of bus '" + bus + "' took its first sample", e);
        }
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            // One failed reading (a counter supplier that threw, say) must not end the schedule.
            LOG.warn("The monitor of bus '{}' could not take a sample", bus, e);
        }
    }

    private void sample() {
        StatsSnapshot snapshot = stats.snapshot();
        LatencyWindow latencyWindow = window;
        Map<EventType, LatencySnapshot> intervalLatency = latencyWindow == null ? null : latencyWindow.next();
        long epochMillis = System.currentTimeMillis();
        Map<String, Map<String, Long>> extra = new LinkedHashMap<>();
        counters.forEach((group, supplier) ->
                extra.put(group, Collections.unmodifiableMap(new LinkedHashMap<>(supplier.get()))));
        long next = sequence + 1;
        byte[] document = json.write(bus, next, epochMillis, snapshot, previous, intervalLatency, extra);
        sequence = next;
        previous = snapshot;
        board.post(new Sample(next, epochMillis, snapshot, extra, document));
    }

    @Override
    public void close() {
        thread.shutdownNow();
        board.close();
        LatencyWindow latencyWindow = window;
        if (latencyWindow != null) {
            // The window has one reader, the sampler thread: close it once that thread is done, so
            // that a sample under way never finds it closed. Termination orders the two.
            try {
                thread.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            latencyWindow.close();
        }
    }
}
