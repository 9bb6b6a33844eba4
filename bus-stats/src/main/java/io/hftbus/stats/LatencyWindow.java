package io.hftbus.stats;

import io.hftbus.api.event.EventType;
import io.hftbus.api.stats.LatencySnapshot;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The latency of each event type over consecutive intervals, as a chart over time needs it: each
 * {@link #next()} returns the percentiles of the values recorded since the previous call (or since
 * the window opened), where {@link StatsCollector#snapshot()} has those since start.
 *
 * <p>Opened by {@link StatsCollector#openLatencyWindow()}. From then on every latency value the
 * collector records goes into the window's own histograms too, off the bus's threads: the
 * dispatch threads record as before, and the values reach the window when a snapshot or a
 * {@link #next()} harvests them. {@link #close()} stops feeding it.
 *
 * <p><b>Threading.</b> One reader: {@link #next()} is called from one thread at a time (a
 * monitor's sampler, say); {@link #close()} from any thread. Both take the collector's read lock,
 * as a snapshot does, which the bus's threads never take.
 */
public final class LatencyWindow implements AutoCloseable {

    private final StatsCollector collector;
    private final Histogram[] sink;
    /** Set once by {@link #close()}, which any thread may call; volatile for the reading thread. */
    private volatile boolean closed;

    LatencyWindow(StatsCollector collector) {
        this.collector = collector;
        this.sink = collector.openIntervalSink();
    }

    /**
     * The latency of each type over the interval that ends now, then a new interval begins.
     *
     * @return every event type's percentiles of the interval: {@link LatencySnapshot#EMPTY} for a
     *         type that recorded nothing, {@link LatencySnapshot#UNAVAILABLE} for every type when
     *         the bus does not stamp publish times; unmodifiable
     * @throws IllegalStateException if the window is closed
     */
    public Map<EventType, LatencySnapshot> next() {
        if (closed) {
            throw new IllegalStateException("the latency window of bus '" + collector.busName() + "' is closed");
        }
        Map<EventType, LatencySnapshot> latest = new EnumMap<>(EventType.class);
        collector.drainInterval(sink, perType -> {
            boolean available = collector.latencyAvailable();
            for (int i = 0; i < perType.length; i++) {
                latest.put(EventType.ofOrdinal(i),
                        available ? StatsCollector.latency(perType[i]) : LatencySnapshot.UNAVAILABLE);
            }
        });
        return Collections.unmodifiableMap(latest);
    }

    /** Stops feeding the window; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            collector.closeIntervalSink(sink);
        }
    }
}
