package io.hftbus.stats;

import io.hftbus.api.BusObserver;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.Priority;
import io.hftbus.api.Subscription;
import io.hftbus.api.WorkerGroup;
import io.hftbus.api.event.EventType;
import io.hftbus.api.stats.BusStats;
import io.hftbus.api.stats.LaneStats;
import io.hftbus.api.stats.LatencySnapshot;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.api.stats.SubscriberStats;
import io.hftbus.api.stats.TypeStats;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Statistics of one bus, collected as a {@link BusObserver} and read through {@link BusStats}: per
 * event type the published, received and dropped counts, handler failures and the
 * publish-to-dispatch latency; per lane the depth, capacity and high-water mark; per subscription
 * its handler failures and, for streams and worker groups, lag and backlog; for worker groups and
 * sharded subscriptions also per worker: calls completed, backlog, failures and time in the handler.
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
 * <p>One collector observes one bus: it keeps the bus it was attached to for the lane and
 * subscriber figures, and refuses a second one, which then fails to build.
 *
 * <p><b>Cost on the hot path: no atomic instruction, no lock, no allocation.</b> The bus asks the
 * collector for a {@linkplain #forThread() per-thread view} on every publishing and dispatch
 * thread, and each view ({@code ThreadCell}) counts into arrays only its thread writes: a publish
 * is one plain increment published with a release store; a delivery another; a dispatched envelope
 * one more, into its type's latency buckets (one value per envelope, however many subscribers it
 * has). Drops and handler failures are counted the same way; the first failure of a subscriber
 * also enters it in a map, off the hot path.
 *
 * <p><b>Counters are exact.</b> Every count has one writer, so none is lost; a snapshot sums all
 * threads' counts. Counts of threads that have ended are folded into a total and their cells
 * dropped, so a process that starts and ends many publishing threads keeps a bounded set.
 *
 * <p><b>Latency</b> is {@code dispatchNanos - envelope.publishNanos()}: from {@code publish} to the
 * moment the dispatch thread began delivering the envelope (time spent in the lane), one value per
 * dispatched envelope. Counted into log-linear buckets of the collector's precision, turned into an
 * HdrHistogram when read. On a bus built with {@code stampPublishTime(false)} there is no publish
 * time: latency is reported as {@link LatencySnapshot#UNAVAILABLE}, never as a figure.
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
     * within 1% of the true value.
     */
    public static final int DEFAULT_SIGNIFICANT_DIGITS = 2;

    private final long highestTrackableLatencyNanos;
    private final int significantDigits;
    private final LatencyBuckets buckets;

    /** Serialises readers and the registration of cells; the hot path never takes it. */
    private final Object readLock = new Object();
    /** The live threads' cells. Guarded by {@link #readLock}. */
    private final List<ThreadCell> cells = new ArrayList<>();
    /** Per cell, per type, the bucket counts already added to the histograms. Guarded by {@link #readLock}. */
    private final Map<ThreadCell, long[][]> harvested = new IdentityHashMap<>();
    /** The counts of cells whose threads ended, by type and field. Guarded by {@link #readLock}. */
    private final long[] retired = new long[EventType.count() * ThreadCell.FIELDS];
    /** Per type, every latency since start. Guarded by {@link #readLock}. */
    private final Histogram[] latencySinceStart;
    /** Per-type histograms of reporters, which also receive every harvested value. Guarded by {@link #readLock}. */
    private final List<Histogram[]> intervalSinks = new ArrayList<>();

    /**
     * What callers that use the collector itself rather than a view count (a close's drops, or a
     * bus implementation that asks for no views): atomic, since any thread may call.
     */
    private final AtomicLongArray shared = new AtomicLongArray(EventType.count() * ThreadCell.FIELDS);
    /** Per type, latencies recorded through the collector itself; wait-free writers. */
    private final Recorder[] sharedLatency;
    private final Histogram swapped;

    /** Handler failures per subscription, entered on its first failure. */
    private final Map<Subscription, AtomicLong> failuresBySubscription = new ConcurrentHashMap<>();

    /** The observed bus, set once by {@link #onAttached}; volatile for the reading threads. */
    private volatile EventBus bus;
    private volatile boolean stamped = true;

    /**
     * A collector tracking latencies up to one minute ({@value #DEFAULT_HIGHEST_TRACKABLE_LATENCY_NANOS}
     * ns) with {@value #DEFAULT_SIGNIFICANT_DIGITS} significant digits.
     */
    public StatsCollector() {
        this(DEFAULT_HIGHEST_TRACKABLE_LATENCY_NANOS, DEFAULT_SIGNIFICANT_DIGITS);
    }

    /**
     * A collector with its own latency range and precision.
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
        this.buckets = new LatencyBuckets(significantDigits, highestTrackableLatencyNanos);
        int types = EventType.count();
        latencySinceStart = new Histogram[types];
        sharedLatency = new Recorder[types];
        for (int i = 0; i < types; i++) {
            latencySinceStart[i] = newHistogram();
            sharedLatency[i] = new Recorder(1, highestTrackableLatencyNanos, significantDigits);
        }
        swapped = newHistogram();
    }

    // ------------------------------------------------------------------------------------------------
    // BusObserver.

    /**
     * Keeps the bus for the lane and subscriber figures.
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
            stamped = bus.config().stampPublishTime();
            // Volatile write: readers on other threads see the bus, fully built as far as we use it.
            this.bus = bus;
        }
    }

    /** A new cell for the calling thread, which alone will write it. */
    @Override
    public BusObserver forThread() {
        ThreadCell cell = new ThreadCell(this, buckets, Thread.currentThread());
        synchronized (readLock) {
            retireEndedCells();
            cells.add(cell);
        }
        return cell;
    }

    /** Counts the event as published; for a caller without a view. */
    @Override
    public void onPublished(Envelope<?> envelope) {
        shared.getAndIncrement(index(envelope.type(), ThreadCell.PUBLISHED));
    }

    /** Records the envelope's latency; for a caller without a view. */
    @Override
    public void onDispatched(Envelope<?> envelope, long dispatchNanos) {
        if (dispatchNanos != Envelope.NOT_STAMPED && envelope.isStamped()) {
            long latency = Math.max(0, Math.min(highestTrackableLatencyNanos, dispatchNanos - envelope.publishNanos()));
            sharedLatency[envelope.type().ordinal()].recordValue(latency);
        }
    }

    /** Counts the delivery; for a caller without a view. */
    @Override
    public void onDelivered(Envelope<?> envelope, Subscription subscription, long deliveredNanos) {
        shared.getAndIncrement(index(envelope.type(), ThreadCell.RECEIVED));
    }

    /** Counts the drop under its reason; for a caller without a view (a close's drain, say). */
    @Override
    public void onDropped(Envelope<?> envelope, Subscription subscription, DropReason reason) {
        shared.getAndIncrement(index(envelope.type(), fieldOf(reason)));
    }

    /** Counts the failure; for a caller without a view. */
    @Override
    public void onHandlerFailed(Envelope<?> envelope, Subscription subscription, Throwable failure) {
        shared.getAndIncrement(index(envelope.type(), ThreadCell.HANDLER_FAILURES));
        countFailure(subscription);
    }

    static int fieldOf(DropReason reason) {
        switch (reason) {
            case LANE_FULL:
                return ThreadCell.DROPPED_LANE_FULL;
            case STREAM_LAGGING:
                return ThreadCell.DROPPED_STREAM_LAGGING;
            case BUS_CLOSED:
                return ThreadCell.DROPPED_BUS_CLOSED;
            default:
                throw new AssertionError(reason);
        }
    }

    /** One more failure of a subscription's handler; on the failure path only. */
    void countFailure(Subscription subscription) {
        if (subscription != null) {
            failuresBySubscription.computeIfAbsent(subscription, s -> new AtomicLong()).incrementAndGet();
        }
    }

    private static int index(EventType type, int field) {
        return type.ordinal() * ThreadCell.FIELDS + field;
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
            harvest();
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
            harvest();
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

    /**
     * Window support: harvests what was recorded, lets {@code reader} read what {@code sink}
     * received since the last call, then empties the sink; all under the read lock.
     */
    void drainInterval(Histogram[] sink, IntervalReader reader) {
        synchronized (readLock) {
            harvest();
            reader.read(sink);
            for (Histogram histogram : sink) {
                histogram.reset();
            }
        }
    }

    /**
     * Opens a window on the latency of each type over consecutive intervals, for a chart over
     * time; the snapshot's percentiles are those since start. Close it when done: until then the
     * collector feeds it every latency value it harvests.
     *
     * @return a new window, its first interval beginning now
     */
    public LatencyWindow openLatencyWindow() {
        return new LatencyWindow(this);
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

    /** Whether latency figures mean anything: the observed bus stamps publish times. */
    boolean latencyAvailable() {
        return stamped;
    }

    private StatsSnapshot snapshotLocked() {
        long takenAt = System.nanoTime();
        harvest();
        List<TypeStats> types = new ArrayList<>(EventType.count());
        for (int i = 0; i < EventType.count(); i++) {
            types.add(typeStats(EventType.ofOrdinal(i)));
        }
        List<LaneStats> lanes = new ArrayList<>(Priority.count());
        for (int i = 0; i < Priority.count(); i++) {
            lanes.add(lane(Priority.ofOrdinal(i)));
        }
        return new StatsSnapshot(takenAt, types, lanes, subscriberStats());
    }

    private List<SubscriberStats> subscriberStats() {
        EventBus observed = bus;
        if (observed == null) {
            return List.of();
        }
        List<Subscription> subscriptions = observed.subscriptions();
        List<SubscriberStats> result = new ArrayList<>(subscriptions.size());
        for (Subscription subscription : subscriptions) {
            AtomicLong failures = failuresBySubscription.get(subscription);
            if (subscription instanceof WorkerGroup group) {
                // A group keeps its own exact counts, per worker; a key fault is a failure of the subscription.
                result.add(new SubscriberStats(subscription.name(),
                        group.isSharded() ? SubscriberStats.Kind.SHARDED : SubscriberStats.Kind.GROUP,
                        subscription.types(), group.handlerFailures() + group.keyFailures(), group.dropped(),
                        group.backlog(), group.workers()));
            } else if (subscription instanceof EventStream<?> stream) {
                result.add(new SubscriberStats(subscription.name(), SubscriberStats.Kind.STREAM, subscription.types(),
                        0, stream.lagged(), stream.size()));
            } else {
                result.add(new SubscriberStats(subscription.name(), SubscriberStats.Kind.HANDLER, subscription.types(),
                        failures == null ? 0 : failures.get(), 0, 0));
            }
        }
        return result;
    }

    /**
     * Adds every latency value recorded since the last harvest to the since-start histograms and the
     * sinks, and folds the cells of ended threads into the totals. Under {@link #readLock}.
     */
    private void harvest() {
        for (int type = 0; type < EventType.count(); type++) {
            // The recorder's phaser waits for in-flight recordings on the swapped-out histogram, so the
            // copy is complete and no value is lost or counted twice.
            sharedLatency[type].getIntervalHistogramInto(swapped);
            addToHistograms(type, swapped);
        }
        for (ThreadCell cell : cells) {
            harvestLatency(cell);
        }
        retireEndedCells();
    }

    private void harvestLatency(ThreadCell cell) {
        long[][] seen = harvested.computeIfAbsent(cell, c -> new long[EventType.count()][]);
        for (int type = 0; type < EventType.count(); type++) {
            long[] perBucket = cell.latency(type);
            if (perBucket == null) {
                continue;
            }
            if (seen[type] == null) {
                seen[type] = new long[perBucket.length];
            }
            swapped.reset();
            for (int bucket = 0; bucket < perBucket.length; bucket++) {
                // Each bucket count only grows, and only its thread writes it: the difference to what
                // was harvested before is exactly what was recorded since, none lost, none twice.
                long count = ThreadCell.bucket(perBucket, bucket);
                long added = count - seen[type][bucket];
                if (added > 0) {
                    swapped.recordValueWithCount(buckets.highestValue(bucket), added);
                    seen[type][bucket] = count;
                }
            }
            addToHistograms(type, swapped);
        }
    }

    private void addToHistograms(int type, Histogram values) {
        if (values.getTotalCount() == 0) {
            return;
        }
        latencySinceStart[type].add(values);
        for (Histogram[] sink : intervalSinks) {
            sink[type].add(values);
        }
    }

    /** Folds the counts of cells whose threads ended into {@link #retired}. Under {@link #readLock}. */
    private void retireEndedCells() {
        for (int i = cells.size() - 1; i >= 0; i--) {
            ThreadCell cell = cells.get(i);
            if (!cell.ownerEnded()) {
                continue;
            }
            harvestLatency(cell);
            for (int type = 0; type < EventType.count(); type++) {
                for (int field = 0; field < ThreadCell.FIELDS; field++) {
                    retired[type * ThreadCell.FIELDS + field] += cell.count(type, field);
                }
            }
            harvested.remove(cell);
            cells.remove(i);
        }
    }

    /** One count of a type over all threads. Under {@link #readLock}. */
    private long sum(int type, int field) {
        int index = type * ThreadCell.FIELDS + field;
        long sum = retired[index] + shared.get(index);
        for (ThreadCell cell : cells) {
            sum += cell.count(type, field);
        }
        return sum;
    }

    /** The counters and since-start latency of a type. Under {@link #readLock}, after {@link #harvest}. */
    private TypeStats typeStats(EventType type) {
        int t = type.ordinal();
        // Dispatch-side counters first: see ThreadCell for why every delivery read then has its
        // publish counted in the reads that follow.
        long received = sum(t, ThreadCell.RECEIVED);
        long lagging = sum(t, ThreadCell.DROPPED_STREAM_LAGGING);
        long failures = sum(t, ThreadCell.HANDLER_FAILURES);
        long busClosed = sum(t, ThreadCell.DROPPED_BUS_CLOSED);
        long laneFull = sum(t, ThreadCell.DROPPED_LANE_FULL);
        long published = sum(t, ThreadCell.PUBLISHED);
        LatencySnapshot latency = stamped ? latency(latencySinceStart[t]) : LatencySnapshot.UNAVAILABLE;
        return new TypeStats(type, published, received, laneFull, lagging, busClosed, failures, latency);
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
