package io.hftbus.stats;

import io.hftbus.api.BusObserver;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.Priority;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.EventType;
import io.hftbus.api.stats.BusStats;
import io.hftbus.api.stats.LaneStats;
import io.hftbus.api.stats.LatencySnapshot;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.api.stats.TypeStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Statistics of one bus, collected as a {@link BusObserver} and read through {@link BusStats}: per
 * event type the published, received and dropped counts, handler failures and the
 * publish-to-dispatch latency; per lane the depth, capacity and high-water mark.
 *
 * <p>Without Dagger, give it to the builder; with Dagger, name {@link StatsModule} in the
 * component:
 *
 * <pre>{@code
 * StatsCollector stats = new StatsCollector();
 * try (EventBus bus = EventBus.builder().observer(stats).build()) {
 *     ...
 *     TypeStats md = stats.of(EventType.MARKET_DATA);
 * }
 * }</pre>
 *
 * <p>One collector observes one bus: it keeps the bus it was attached to for the lane figures and
 * refuses a second one (the refusal is logged by that bus; its events would be counted together
 * with the first bus's, so do not share a collector).
 *
 * <p><b>Cost on the hot path.</b> No allocation, no lock, no logging in any callback:
 * <ul>
 *   <li>publish: one atomic increment;</li>
 *   <li>each delivery: one atomic increment, and one value recorded in the type's HdrHistogram
 *       {@link Recorder} (wait-free: a few more atomic increments);</li>
 *   <li>each drop or handler failure: one atomic increment.</li>
 * </ul>
 *
 * <p><b>Counters.</b> Every counter is exact: it is incremented atomically, so concurrent publishers
 * and several dispatch threads (one per lane) never lose a count. The counters live in one
 * {@link AtomicLongArray} indexed by {@link EventType#ordinal()}; the counters one type's
 * publishers write and those the dispatch threads write sit on separate 128-byte blocks (a cache
 * line and its adjacent-line prefetch partner), and so do different types', so that a publisher
 * and a dispatch thread, or the publishers of two types, never contend for a line they do not
 * share a counter on. {@code LongAdder} was not used: it allocates its striped cells lazily, the
 * first time it sees contention, which can happen at any moment of a run; its cells are not
 * padded apart from other adders' base fields; and an atomic increment is already cheap when, as
 * usual, one thread publishes each type.
 *
 * <p><b>Latency.</b> One value per delivery: {@code deliveredNanos - envelope.publishNanos()}, the
 * time from {@code publish} to the moment the dispatch thread began delivering the envelope. The
 * values go into one {@link Recorder} per type, whose writers never wait; readers swap its interval
 * histogram out and add it to a histogram since start. Values below zero (a clock read on another
 * bus implementation) count as 0, values above the highest trackable latency as that latency.
 *
 * <p><b>Reading</b> ({@link #snapshot()}, {@link #of(EventType)}, {@link #lane(Priority)}) is
 * thread-safe and meant for monitoring threads: readers share a lock (never taken by the hot path)
 * and allocate their results.
 */
public final class StatsCollector implements BusObserver, BusStats {

    /** The highest latency {@link #StatsCollector()} tracks: one minute. */
    public static final long DEFAULT_HIGHEST_TRACKABLE_LATENCY_NANOS = 60_000_000_000L;

    /**
     * The precision {@link #StatsCollector()} keeps: two significant digits, so every percentile is
     * within 1% of the true value. Each type then costs about 90 KB of histograms; three digits cost
     * about 650 KB per type.
     */
    public static final int DEFAULT_SIGNIFICANT_DIGITS = 2;

    // Counter layout in the AtomicLongArray: per type, a block of the fields publishers write
    // (PUBLISHED, DROPPED_LANE_FULL, and DROPPED_BUS_CLOSED which the closing thread writes), then a
    // block of those the dispatch threads write. Each block is BLOCK_LONGS longs (128 bytes) long,
    // and the array starts and ends with a spare block so that neither the array header nor a
    // neighbouring object shares a line with the first or last counter.
    private static final int BLOCK_LONGS = 16;
    private static final int TYPE_STRIDE = 2 * BLOCK_LONGS;
    private static final int FIRST = BLOCK_LONGS;

    private static final int PUBLISHED = 0;
    private static final int DROPPED_LANE_FULL = 1;
    private static final int DROPPED_BUS_CLOSED = 2;
    private static final int RECEIVED = BLOCK_LONGS;
    private static final int DROPPED_STREAM_LAGGING = BLOCK_LONGS + 1;
    private static final int HANDLER_FAILURES = BLOCK_LONGS + 2;

    private final AtomicLongArray counters = new AtomicLongArray(FIRST + EventType.count() * TYPE_STRIDE + BLOCK_LONGS);

    private final long highestTrackableLatencyNanos;
    private final int significantDigits;
    /** Per type; written by dispatch threads, swapped by readers under {@link #readLock}. */
    private final Recorder[] latencyRecorders;

    /** Serialises readers; the hot path never takes it. */
    private final Object readLock = new Object();
    /** Per type, everything recorded since start. Guarded by {@link #readLock}. */
    private final Histogram[] latencySinceStart;
    /** Where an interval is swapped out to before it is added up. Guarded by {@link #readLock}. */
    private final Histogram harvested;
    /** Per-type histograms of reporters, which also receive every harvested interval. Guarded by {@link #readLock}. */
    private final List<Histogram[]> intervalSinks = new ArrayList<>();

    /** The observed bus, set once by {@link #onAttached}; volatile for the reading threads. */
    private volatile EventBus bus;

    /**
     * A collector tracking latencies up to one minute ({@value #DEFAULT_HIGHEST_TRACKABLE_LATENCY_NANOS}
     * ns) with {@value #DEFAULT_SIGNIFICANT_DIGITS} significant digits.
     */
    public StatsCollector() {
        this(DEFAULT_HIGHEST_TRACKABLE_LATENCY_NANOS, DEFAULT_SIGNIFICANT_DIGITS);
    }

    /**
     * A collector with its own latency range and precision. Its histograms are allocated here, once;
     * nothing grows later.
     *
     * @param highestTrackableLatencyNanos latencies above it are recorded as it; at least 2
     * @param significantDigits            decimal digits of precision, within {@code [1, 5]}
     * @throws IllegalArgumentException naming the bad parameter
     */
    public StatsCollector(long highestTrackableLatencyNanos, int significantDigits) {
        if (highestTrackableLatencyNanos < 2) {
            throw new IllegalArgumentException("highestTrackableLatencyNanos must be >= 2 but was "
                    + highestTrackableLatencyNanos);
        }
        if (significantDigits < 1 || significantDigits > 5) {
            throw new IllegalArgumentException("significantDigits must be within [1, 5] but was " + significantDigits);
        }
        this.highestTrackableLatencyNanos = highestTrackableLatencyNanos;
        this.significantDigits = significantDigits;
        int types = EventType.count();
        latencyRecorders = new Recorder[types];
        latencySinceStart = new Histogram[types];
        for (int i = 0; i < types; i++) {
            // A fixed range: an auto-resizing histogram would allocate on the recording thread.
            latencyRecorders[i] = new Recorder(1, highestTrackableLatencyNanos, significantDigits);
            latencySinceStart[i] = newHistogram();
        }
        harvested = newHistogram();
    }

    // ------------------------------------------------------------------------------------------------
    // BusObserver: the hot path. One atomic read-modify-write per counter (a LOCK XADD on x86):
    // it makes the count exact whatever thread calls, and its full fence orders nothing we rely on.

    /**
     * Keeps the bus for the lane figures.
     *
     * @throws IllegalStateException if already attached to another bus
     */
    @Override
    public void onAttached(EventBus bus) {
        synchronized (readLock) {
            EventBus current = this.bus;
            if (current != null && current != bus) {
                throw new IllegalStateException("this StatsCollector already observes bus '" + current.name()
                        + "' and cannot observe bus '" + bus.name() + "' too: give each bus its own collector");
            }
            // Volatile write: readers on other threads see the bus, fully built as far as we use it.
            this.bus = bus;
        }
    }

    /** Counts the event as published; on the publisher's thread. */
    @Override
    public void onPublished(Envelope<?> envelope) {
        counters.getAndIncrement(base(envelope.type()) + PUBLISHED);
    }

    /** Counts the delivery and records its latency; on a dispatch thread. */
    @Override
    public void onDelivered(Envelope<?> envelope, Subscription subscription, long deliveredNanos) {
        int type = envelope.type().ordinal();
        counters.getAndIncrement(FIRST + type * TYPE_STRIDE + RECEIVED);
        long latency = deliveredNanos - envelope.publishNanos();
        if (latency < 0) {
            latency = 0;
        } else if (latency > highestTrackableLatencyNanos) {
            latency = highestTrackableLatencyNanos;
        }
        latencyRecorders[type].recordValue(latency);
    }

    /** Counts the drop under its reason; on the thread that dropped it. */
    @Override
    public void onDropped(Envelope<?> envelope, Subscription subscription, DropReason reason) {
        int field;
        switch (reason) {
            case LANE_FULL:
                field = DROPPED_LANE_FULL;
                break;
            case STREAM_LAGGING:
                field = DROPPED_STREAM_LAGGING;
                break;
            case BUS_CLOSED:
                field = DROPPED_BUS_CLOSED;
                break;
            default:
                throw new AssertionError(reason);
        }
        counters.getAndIncrement(base(envelope.type()) + field);
    }

    /** Counts the failure; on a dispatch thread. */
    @Override
    public void onHandlerFailed(Envelope<?> envelope, Subscription subscription, Throwable failure) {
        counters.getAndIncrement(base(envelope.type()) + HANDLER_FAILURES);
    }

    private static int base(EventType type) {
        return FIRST + type.ordinal() * TYPE_STRIDE;
    }

    // ------------------------------------------------------------------------------------------------
    // BusStats: monitoring threads.

    @Override
    public StatsSnapshot snapshot() {
        synchronized (readLock) {
            return snapshotLocked();
        }
    }

    @Override
    public TypeStats of(EventType type) {
        if (type == null) {
            throw new NullPointerException("type must not be null");
        }
        synchronized (readLock) {
            harvest(type.ordinal());
            return typeStats(type);
        }
    }

    @Override
    public LaneStats lane(Priority priority) {
        if (priority == null) {
            throw new NullPointerException("priority must not be null");
        }
        EventBus observed = bus;
        if (observed == null) {
            return new LaneStats(priority, 0, 0, 0);
        }
        return new LaneStats(priority, observed.laneDepth(priority), observed.laneCapacity(priority),
                observed.laneHighWaterMark(priority));
    }

    /** The name of the observed bus, or {@code null} before it attached. */
    String busName() {
        EventBus observed = bus;
        return observed == null ? null : observed.name();
    }

    /**
     * Reporter support: a set of per-type histograms that, from now on, receive every latency value
     * too, until {@link #closeIntervalSink} removes them.
     */
    Histogram[] openIntervalSink() {
        Histogram[] sink = new Histogram[EventType.count()];
        for (int i = 0; i < sink.length; i++) {
            sink[i] = newHistogram();
        }
        synchronized (readLock) {
            // Values recorded before the sink existed are not its: move them to the since-start totals.
            for (int i = 0; i < sink.length; i++) {
                harvest(i);
            }
            intervalSinks.add(sink);
        }
        return sink;
    }

    /** Stops feeding a sink from {@link #openIntervalSink}. */
    void closeIntervalSink(Histogram[] sink) {
        synchronized (readLock) {
            intervalSinks.remove(sink);
        }
    }

    /**
     * Reporter support: takes a snapshot and, under the same lock, lets {@code reader} read the
     * latency {@code sink} received since the last call, then empties the sink.
     */
    StatsSnapshot snapshotAndDrain(Histogram[] sink, IntervalReader reader) {
        synchronized (readLock) {
            StatsSnapshot snapshot = snapshotLocked();
            reader.read(sink);
            for (Histogram histogram : sink) {
                histogram.reset();
            }
            return snapshot;
        }
    }

    /** Reads a sink's per-type histograms while the collector's read lock is held. */
    @FunctionalInterface
    interface IntervalReader {
        void read(Histogram[] perType);
    }

    /** A histogram with this collector's range and precision. */
    Histogram newHistogram() {
        return new Histogram(1, highestTrackableLatencyNanos, significantDigits);
    }

    private StatsSnapshot snapshotLocked() {
        long takenAt = System.nanoTime();
        List<TypeStats> types = new ArrayList<>(EventType.count());
        for (int i = 0; i < EventType.count(); i++) {
            harvest(i);
            types.add(typeStats(EventType.ofOrdinal(i)));
        }
        List<LaneStats> lanes = new ArrayList<>(Priority.count());
        for (int i = 0; i < Priority.count(); i++) {
            lanes.add(lane(Priority.ofOrdinal(i)));
        }
        return new StatsSnapshot(takenAt, types, lanes);
    }

    /** Swaps out what the type's recorder holds and adds it to the totals and sinks. Under {@link #readLock}. */
    private void harvest(int type) {
        // The recorder's phaser waits for in-flight recordings on the swapped-out histogram, so the
        // copy is complete and no value is lost or counted twice.
        latencyRecorders[type].getIntervalHistogramInto(harvested);
        latencySinceStart[type].add(harvested);
        for (Histogram[] sink : intervalSinks) {
            sink[type].add(harvested);
        }
    }

    /** The counters and since-start latency of a type. Under {@link #readLock}, after {@link #harvest}. */
    private TypeStats typeStats(EventType type) {
        int base = base(type);
        // Dispatch-side counters first: the publish of every envelope they counted happened before
        // its delivery (through the lane's release/acquire hand-off), so the volatile reads of the
        // publisher-side counters that follow include it: no delivery is read without its publish.
        long received = counters.get(base + RECEIVED);
        long lagging = counters.get(base + DROPPED_STREAM_LAGGING);
        long failures = counters.get(base + HANDLER_FAILURES);
        long busClosed = counters.get(base + DROPPED_BUS_CLOSED);
        long laneFull = counters.get(base + DROPPED_LANE_FULL);
        long published = counters.get(base + PUBLISHED);
        return new TypeStats(type, published, received, laneFull, lagging, busClosed, failures,
                latency(latencySinceStart[type.ordinal()]));
    }

    /** The percentiles of a histogram. */
    static LatencySnapshot latency(Histogram histogram) {
        long count = histogram.getTotalCount();
        if (count == 0) {
            return LatencySnapshot.EMPTY;
        }
        return new LatencySnapshot(count, histogram.getValueAtPercentile(50.0), histogram.getValueAtPercentile(90.0),
                histogram.getValueAtPercentile(99.0), histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }

    @Override
    public String toString() {
        String name = busName();
        return "StatsCollector[" + (name == null ? "not attached" : "bus '" + name + "'") + "]";
    }
}
