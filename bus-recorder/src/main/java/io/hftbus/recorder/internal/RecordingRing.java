package io.hftbus.recorder.internal;

import io.hftbus.api.Envelope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The in-memory recording: a power-of-two ring of envelopes, indexed by the bus sequence.
 *
 * <p><b>Writing without a claim counter.</b> The bus gives every claimed sequence to
 * {@code onPublished} exactly once, and sequences are dense from 0, so the envelope of sequence
 * {@code s} belongs in slot {@code s & mask}: publishers never contend for a slot index, and the
 * newest {@code capacity} sequences always occupy distinct slots. A slot is written with a
 * compare-and-set that keeps the higher sequence, so a publisher that was descheduled between its
 * claim and its recording, long enough for the ring to wrap, cannot put an old envelope over a
 * newer one. The CAS is a full fence; it also publishes the envelope (whose fields are final) to
 * readers, who read slots with acquire.
 *
 * <p><b>Refusals.</b> When the bus refuses an envelope after recording it, its sequence is stored
 * with release in the slot's entry of {@link #refusedSequences}. A reader that acquires an envelope
 * and then finds its sequence there leaves it out; a refusal that lands after the reader looked is
 * one the snapshot raced with, and the snapshot includes the envelope, as it would have a moment
 * before the lane decided. A later envelope in the slot has another sequence, so the mark of the
 * old one never hides it.
 *
 * <p>Counts are {@link LongAdder}s: publishers on different cores increment different cells
 * instead of contending on one line; they allocate their cells once, on first contention.
 */
public final class RecordingRing {

    private static final Comparator<Envelope<?>> BY_SEQUENCE = Comparator.comparingLong(Envelope::sequence);

    private final int capacity;
    private final int mask;
    private final AtomicReferenceArray<Envelope<?>> slots;
    private final AtomicLongArray refusedSequences;
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
        this.refusedSequences = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) {
            refusedSequences.set(i, -1L);
        }
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
        long sequence = envelope.sequence();
        int index = (int) (sequence & mask);
        for (;;) {
            Envelope<?> current = slots.get(index);
            if (current != null && current.sequence() >= sequence) {
                return; // a newer envelope already took the slot: ours is overwritten at once
            }
            if (slots.compareAndSet(index, current, envelope)) {
                return;
            }
        }
    }

    /** Marks a recorded envelope as refused by the bus; publisher or closing thread, no allocation. */
    public void refuse(Envelope<?> envelope) {
        refused.increment();
        if (capacity == 0) {
            return;
        }
        long sequence = envelope.sequence();
        // Release: a reader that acquires the mark also sees the envelope it refers to.
        refusedSequences.setRelease((int) (sequence & mask), sequence);
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
     * The envelopes held that {@code filter} accepts, refused ones left out, in sequence order;
     * an unmodifiable list.
     */
    public List<Envelope<?>> snapshot(Predicate<Envelope<?>> filter) {
        List<Envelope<?>> kept = new ArrayList<>((int) Math.min(capacity, recorded.sum()));
        for (int i = 0; i < capacity; i++) {
            Envelope<?> envelope = held(i);
            if (envelope != null && filter.test(envelope)) {
                kept.add(envelope);
            }
        }
        kept.sort(BY_SEQUENCE);
        return Collections.unmodifiableList(kept);
    }

    /** The envelopes held whose sequence is within {@code [from, to]}, refused ones left out, in sequence order. */
    public List<Envelope<?>> snapshotBySequence(long from, long to) {
        if (to - from >= capacity || to - from < 0) {
            // Wider than the ring (or overflowing): every slot may hold a match.
            return snapshot(envelope -> envelope.sequence() >= from && envelope.sequence() <= to);
        }
        List<Envelope<?>> kept = new ArrayList<>((int) (to - from + 1));
        for (long sequence = from; sequence <= to; sequence++) {
            Envelope<?> envelope = held((int) (sequence & mask));
            if (envelope != null && envelope.sequence() == sequence) {
                kept.add(envelope);
            }
        }
        return Collections.unmodifiableList(kept);
    }

    /** The envelope of slot {@code index} unless it is empty or refused. */
    private Envelope<?> held(int index) {
        // Acquire: pairs with the CAS in record(), so the envelope's fields are seen initialised.
        Envelope<?> envelope = slots.getAcquire(index);
        if (envelope == null || refusedSequences.getAcquire(index) == envelope.sequence()) {
            return null;
        }
        return envelope;
    }
}
