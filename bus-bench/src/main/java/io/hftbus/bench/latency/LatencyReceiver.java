package io.hftbus.bench.latency;

import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.bench.Receiver;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.HdrHistogram.Histogram;

/**
 * Records, for every event after the warm-up, the time from when the publisher was scheduled to
 * send it (not when it did) to now: the latency corrected for coordinated omission. A publisher
 * that falls behind its schedule charges the delay to every late event, as a real feed would.
 *
 * <p>The n-th event received is the n-th published (one publisher, FIFO), so the receiver finds
 * its intended send time in the publisher's ring at n; a different event there means a contender
 * lost or reordered one, which is counted in {@link #misordered()}.
 */
final class LatencyReceiver implements Receiver {

    private static final VarHandle SEEN;

    static {
        try {
            SEEN = MethodHandles.lookup().findVarHandle(LatencyReceiver.class, "seen", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Schedule schedule;
    private final long warmupEvents;
    private final Histogram histogram;
    private long misordered;
    private long seen;

    LatencyReceiver(Schedule schedule, long warmupEvents, Histogram histogram) {
        this.schedule = schedule;
        this.warmupEvents = warmupEvents;
        this.histogram = histogram;
    }

    @Override
    public void onEvent(MarketDataEvent event) {
        long now = System.nanoTime();
        long index = seen;
        if (schedule.event(index) != event) {
            misordered++;
        }
        if (index >= warmupEvents) {
            histogram.recordValue(Math.min(now - schedule.intendedNanos(index), histogram.getHighestTrackableValue()));
        }
        // Single writer: the release store publishes the histogram's state with the count.
        SEEN.setRelease(this, index + 1);
    }

    @Override
    public long seen() {
        return (long) SEEN.getAcquire(this);
    }

    /** Events received out of order or not the one sent; read after {@link #seen()}. */
    long misordered() {
        return misordered;
    }
}
