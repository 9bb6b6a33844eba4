package io.hftbus.recorder.internal;

import io.hftbus.api.Envelope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The in-memory recording: a power-of-two ring of envelopes, in the order the bus announced them.
 *
 * <p><b>Writing.</b> Each recording takes the next arrival index with one atomic increment and
 * stores the envelope in slot {@code index & mask} with a release store, which publishes the
 * envelope (whose fields are final) to readers, who read slots with acquire. Sequences are unique
 * but neither dense nor one global order (publishers claim them in blocks), so they cannot index
 * the ring; arrival order is also the order the bus accepted the envelopes in, publisher by
 * publisher. A publisher descheduled between taking its index and storing, for as long as the ring
 * takes to wrap, may leave its envelope in place of a newer one: the ring is a debugging window,
 * and its counts stay exact.
 *
 * <p><b>Refusals.</b> When the bus refuses an envelope after recording it (its lane was full), the
 * refusal comes on the same thread right after the recording, so the ring looks for the envelope
 * among the latest slots, by identity, and marks its slot with a release store; a reader that
 * acquires an envelope and then finds its slot marked for it leaves it out. A refused envelope that
 * newer ones already pushed out needs no mark.
 *
 * <p>Counts are {@link LongAdder}s: publishers on different cores increment different cells
 * instead of contending on one line; they allocate their cells once, on first contention.
 */
public final class RecordingRing {

    /** How many of the latest slots a refusal searches for its envelope. */
    private static final int REFUSAL_SEARCH = 4096;

    private final int capacity;
    private final int mask;
    private final AtomicReferenceArray<Envelope<?>> slots;
    private final AtomicReferenceArray<Envelope<?>> refusedInSlot;
    private final AtomicLong arrivals = new AtomicLong();
    private final LongAdder recorded = new LongAdder();
    private final LongAdder refused = new LongAdder();

    /** A ring of {@code requestedCapacity} rounded up to a power of two; 0 keeps nothing. */
    public RecordingRing(int requestedCapacity) {
        if (requestedCapacity < 0 || requestedCapacity > (1 << 30)) {
            throw new IllegalArgumentException("ring capacity must be within [0, 2^30] but was " + requestedCapacity);
        }
        this.capacity = requestedCapacity <= 1 ? requestedCapacity : Integer.highestOneBit(requestedCapacity - 1) << 1;
        this.mask = Math.max(0, capacity - 1);
        this.slots = new AtomicReferenceArray<>(capacity);
        this.refusedInSlot = new AtomicReferenceArray<>(capacity);
    }

    /** The number of envelopes the ring holds at most. */
    public int capacity() {
        return capacity;
    }

    /** Records an envelope; publisher thread, no lock, no allocation. */
    public void record(Envelope<?> envelope) {
        recorded.increment();
        if (capacity == 0) {
            return;
        }
        long arrival = arrivals.getAndIncrement();
        slots.setRelease((int) (arrival & mask), envelope);
    }

    /** Marks a recorded envelope as refused by the bus; publisher or closing thread, no allocation. */
    public void refuse(Envelope<?> envelope) {
        refused.increment();
        if (capacity == 0) {
            return;
        }
        long newest = arrivals.get() - 1;
        long oldest = Math.max(0, Math.max(newest - capacity + 1, newest - REFUSAL_SEARCH + 1));
        for (long arrival = newest; arrival >= oldest; arrival--) {
            int index = (int) (arrival & mask);
            if (slots.getAcquire(index) == envelope) {
                // Release: a reader that acquires the mark also sees the envelope it refers to.
                refusedInSlot.setRelease(index, envelope);
                return;
            }
        }
    }

    /** Envelopes recorded so far, overwritten and refused ones included. */
    public long recordedCount() {
        return recorded.sum();
    }

    /** Recorded envelopes that newer ones pushed out of the ring. */
    public long overwrittenCount() {
        return Math.max(0L, recorded.sum() - capacity);
    }

    /** Recorded envelopes the bus refused. */
    public long refusedCount() {
        return refused.sum();
    }

    /**
     * The envelopes held that {@code filter} accepts, refused ones left out, in the order they were
     * recorded; an unmodifiable list.
     */
    public List<Envelope<?>> snapshot(Predicate<Envelope<?>> filter) {
        long end = arrivals.get();
        long start = Math.max(0, end - capacity);
        List<Envelope<?>> kept = new ArrayList<>((int) (end - start));
        for (long arrival = start; arrival < end; arrival++) {
            Envelope<?> envelope = held((int) (arrival & mask));
            if (envelope != null && filter.test(envelope)) {
                kept.add(envelope);
            }
        }
        return Collections.unmodifiableList(kept);
    }

    /**
     * The envelopes held whose sequence is within {@code [from, to]}, refused ones left out, in the
     * order they were recorded.
     */
    public List<Envelope<?>> snapshotBySequence(long from, long to) {
        return snapshot(envelope -> envelope.sequence() >= from && envelope.sequence() <= to);
    }

    /** The envelope of slot {@code index} unless it is empty or refused. */
    private Envelope<?> held(int index) {
        // Acquire: pairs with the release store in record(), so the envelope's fields are seen initialised.
        Envelope<?> envelope = slots.getAcquire(index);
        if (envelope == null || refusedInSlot.getAcquire(index) == envelope) {
            return null;
        }
        return envelope;
    }
}
