package io.hftbus.recorder.internal;

import io.hftbus.api.Envelope;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

/**
 * The in-memory recording: a power-of-two ring of envelopes in the order the recorder was told of
 * them (its arrival order), which is neither sequence order nor dense: publishers claim sequences
 * in blocks, and two publishers' sequences interleave arbitrarily.
 *
 * <p><b>Writing.</b> Each recording claims the next arrival number {@code n} (one atomic
 * increment: the one read-modify-write a recording costs a publisher) and puts its envelope in
 * slot {@code n & mask}. A slot's stamp says which arrival it holds; the writer takes the slot by
 * a compare-and-set of the stamp to a "being written" mark, stores the envelope, and publishes the
 * stamp {@code n} with release. A publisher that was descheduled between its claim and its write
 * long enough for the ring to wrap finds a newer stamp and leaves the slot alone: its envelope is
 * one the ring has overwritten already. Two writers meet on one slot only a whole lap apart; the
 * newer then waits out the older's two stores.
 *
 * <p><b>Reading.</b> A snapshot walks the arrivals of the last lap in order and takes a slot's
 * envelope only if the slot's stamp is that arrival's before and after reading it (acquire, then
 * an acquire fence before the second read), so that it never pairs an envelope with another
 * arrival's place. An envelope whose recording was under way is missed, as documented.
 *
 * <p><b>Refusals.</b> When the bus refuses an envelope after recording it, the ring finds its slot
 * (searching back from the newest arrival, where a lane refusal lands at once) and marks the
 * slot's arrival refused, with release; a snapshot leaves out an arrival marked refused. A refusal
 * that lands after the reader looked is one the snapshot raced with, and the snapshot includes the
 * envelope, as it would have a moment before the lane decided.
 */
public final class RecordingRing {

    /** The stamp of a slot no arrival has taken yet. */
    private static final long EMPTY = -1L;
    /** The stamp of a slot being written: its writer's arrival, encoded below -1. */
    private static final long WRITING_BASE = -2L;

    private final int capacity;
    private final int mask;
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReferenceArray<Envelope<?>> slots;
    private final AtomicLongArray stamps;
    private final AtomicLongArray refusedArrivals;

    /** A ring of {@code requestedCapacity} rounded up to a power of two; 0 keeps nothing. */
    public RecordingRing(int requestedCapacity) {
        if (requestedCapacity < 0 || requestedCapacity > (1 << 30)) {
            throw new IllegalArgumentException("ring capacity must be within [0, 2^30] but was " + requestedCapacity);
        }
        this.capacity = requestedCapacity <= 1 ? requestedCapacity : Integer.highestOneBit(requestedCapacity - 1) << 1;
        this.mask = Math.max(0, capacity - 1);
        this.slots = new AtomicReferenceArray<>(capacity);
        this.stamps = new AtomicLongArray(capacity);
        this.refusedArrivals = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) {
            stamps.set(i, EMPTY);
            refusedArrivals.set(i, EMPTY);
        }
    }

    /** The number of envelopes the ring holds at most. */
    public int capacity() {
        return capacity;
    }

    /** Records an envelope; publisher thread, no lock, no allocation. */
    public void record(Envelope<?> envelope) {
        long n = arrivals.getAndIncrement();
        if (capacity == 0) {
            return;
        }
        int index = (int) (n & mask);
        for (;;) {
            long stamp = stamps.get(index);
            if (stamp >= n || stamp <= WRITING_BASE && WRITING_BASE - stamp > n) {
                return; // a newer arrival took the slot (or is taking it): ours is overwritten at once
            }
            if (stamp <= WRITING_BASE) {
                Thread.onSpinWait(); // the arrival a lap before ours is between its two stores
                continue;
            }
            if (stamps.compareAndSet(index, stamp, WRITING_BASE - n)) {
                break;
            }
        }
        slots.setPlain(index, envelope);
        // Release: a reader that acquires the stamp n sees this envelope (and its final fields).
        stamps.setRelease(index, n);
    }

    /** Marks a recorded envelope as refused by the bus; publisher or closing thread, no allocation. */
    public void refuse(Envelope<?> envelope) {
        refused.incrementAndGet();
        if (capacity == 0) {
            return;
        }
        long newest = arrivals.get() - 1;
        long oldest = Math.max(0, newest - capacity + 1);
        for (long n = newest; n >= oldest; n--) {
            int index = (int) (n & mask);
            if (stamps.getAcquire(index) == n && slots.getPlain(index) == envelope) {
                // Release: a reader that acquires the mark also sees the envelope it refers to.
                refusedArrivals.setRelease(index, n);
                return;
            }
        }
        // Not in the ring any more (or its recording still under way): nothing to hide.
    }

    /** Envelopes recorded so far, overwritten and refused ones included. */
    public long recordedCount() {
        return arrivals.get();
    }

    /** Recorded envelopes that newer ones pushed out of the ring. */
    public long overwrittenCount() {
        return Math.max(0L, arrivals.get() - capacity);
    }

    /** Recorded envelopes the bus refused. */
    public long refusedCount() {
        return refused.get();
    }

    /** The envelopes held that {@code filter} accepts, refused ones left out, in arrival order; unmodifiable. */
    public List<Envelope<?>> snapshot(Predicate<Envelope<?>> filter) {
        long end = arrivals.get();
        long start = Math.max(0, end - capacity);
        List<Envelope<?>> kept = new ArrayList<>((int) (end - start));
        for (long n = start; n < end; n++) {
            Envelope<?> envelope = held(n);
            if (envelope != null && filter.test(envelope)) {
                kept.add(envelope);
            }
        }
        return Collections.unmodifiableList(kept);
    }

    /** The envelope of arrival {@code n} if its slot still holds it, it is recorded, and not refused. */
    private Envelope<?> held(long n) {
        int index = (int) (n & mask);
        if (stamps.getAcquire(index) != n) {
            return null;
        }
        Envelope<?> envelope = slots.getPlain(index);
        boolean refusedHere = refusedArrivals.getAcquire(index) == n;
        // The reads above happen before the second read of the stamp: if it is still n, no writer
        // of a later lap touched the slot in between, and the envelope is arrival n's.
        VarHandle.acquireFence();
        if (stamps.get(index) != n || refusedHere) {
            return null;
        }
        return envelope;
    }
}
