package io.hftbus.stats;

import io.hftbus.api.BusObserver;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.EventType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;

/**
 * One thread's counters: the per-thread view that {@link StatsCollector#forThread()} gives the bus
 * for each publishing and dispatch thread. Only that thread writes it, so every count is a plain
 * increment published with a release store (a plain store on x86): no atomic instruction, no
 * contended line, on any thread of the hot path. Readers sum all cells with acquire loads when they
 * take a snapshot.
 *
 * <p><b>Why release and acquire.</b> A snapshot reads the dispatch-side counts before the
 * publish-side ones. A delivery was counted after its envelope passed through the lane (the lane's
 * release/acquire hand-off), which was after its publish was counted; the dispatch thread's
 * release store and the reader's acquire load extend that chain to the reader, so every delivery a
 * snapshot counts has its publish counted too: {@code published >= received} in every snapshot.
 *
 * <p><b>Layout.</b> The counts of all types live in one array with a spare cache line at each end,
 * so that neither the array header nor a neighbouring object shares a line with a count another
 * cell's thread writes. Latency counts are allocated per type the first time the thread records
 * one of that type: a dispatch thread allocates them once, a publisher never.
 */
final class ThreadCell implements BusObserver {

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle ARRAYS = MethodHandles.arrayElementVarHandle(long[][].class);

    /** Longs of padding before the first count. */
    private static final int PAD = 16;

    static final int PUBLISHED = 0;
    static final int RECEIVED = 1;
    static final int DROPPED_LANE_FULL = 2;
    static final int DROPPED_STREAM_LAGGING = 3;
    static final int DROPPED_BUS_CLOSED = 4;
    static final int HANDLER_FAILURES = 5;
    /** Counts per type. */
    static final int FIELDS = 6;

    private final StatsCollector collector;
    private final LatencyBuckets buckets;
    private final WeakReference<Thread> owner;
    private final long[] counts = new long[PAD + EventType.count() * FIELDS + PAD];
    /** Per type ordinal, the bucket counts of its latencies; null until the first value. */
    private final long[][] latency = new long[EventType.count()][];

    ThreadCell(StatsCollector collector, LatencyBuckets buckets, Thread owner) {
        this.collector = collector;
        this.buckets = buckets;
        this.owner = new WeakReference<>(owner);
    }

    // ------------------------------------------------------------------------------------------------
    // The owner thread.

    private void increment(EventType type, int field) {
        int index = PAD + type.ordinal() * FIELDS + field;
        // Single writer: a plain read of our own count, a release store for the readers' acquire loads.
        LONGS.setRelease(counts, index, counts[index] + 1);
    }

    @Override
    public void onPublished(Envelope<?> envelope) {
        increment(envelope.type(), PUBLISHED);
    }

    @Override
    public void onDispatched(Envelope<?> envelope, long dispatchNanos) {
        if (dispatchNanos == Envelope.NOT_STAMPED || !envelope.isStamped()) {
            return;
        }
        int type = envelope.type().ordinal();
        long[] perBucket = latency[type];
        if (perBucket == null) {
            perBucket = new long[buckets.size()];
            // Release: a reader that sees the array sees it zeroed, not half-initialised.
            ARRAYS.setRelease(latency, type, perBucket);
        }
        int bucket = buckets.index(dispatchNanos - envelope.publishNanos());
        LONGS.setRelease(perBucket, bucket, perBucket[bucket] + 1);
    }

    @Override
    public void onDelivered(Envelope<?> envelope, Subscription subscription, long deliveredNanos) {
        increment(envelope.type(), RECEIVED);
    }

    @Override
    public void onDropped(Envelope<?> envelope, Subscription subscription, DropReason reason) {
        increment(envelope.type(), StatsCollector.fieldOf(reason));
    }

    @Override
    public void onHandlerFailed(Envelope<?> envelope, Subscription subscription, Throwable failure) {
        increment(envelope.type(), HANDLER_FAILURES);
        collector.countFailure(subscription);
    }

    // ------------------------------------------------------------------------------------------------
    // Readers (under the collector's read lock).

    /** One count, read with acquire. */
    long count(int typeOrdinal, int field) {
        return (long) LONGS.getAcquire(counts, PAD + typeOrdinal * FIELDS + field);
    }

    /** The latency bucket counts of a type, or null if none was recorded; read them with {@link #bucket}. */
    long[] latency(int typeOrdinal) {
        return (long[]) ARRAYS.getAcquire(latency, typeOrdinal);
    }

    /** One bucket count, read with acquire. */
    static long bucket(long[] perBucket, int index) {
        return (long) LONGS.getAcquire(perBucket, index);
    }

    /** Whether the owner has ended: it will write nothing more, and everything it wrote is visible. */
    boolean ownerEnded() {
        Thread thread = owner.get();
        // A thread seen not alive has completed all its writes, and they happen-before this read.
        return thread == null || !thread.isAlive();
    }

    @Override
    public String toString() {
        Thread thread = owner.get();
        return "ThreadCell[" + (thread == null ? "ended" : thread.getName()) + "]";
    }
}
