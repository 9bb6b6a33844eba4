package io.hftbus.core.internal;

import io.hftbus.api.Envelope;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The bounded queue of a worker group: dispatch threads offer, the group's workers claim. Unlike a
 * JCTools MPMC queue, a consumer writes nothing that another consumer reads per envelope but the
 * claim index: it neither clears the slot nor advances a per-slot sequence.
 *
 * <p><b>Producers</b> claim an index with a CAS on {@link #producerIndex}, write the slot, and
 * publish it with a release store of the index into {@link #published}. A producer may reuse the
 * slot of index {@code p - capacity} only once that index has been read; {@link #readBound()} says
 * up to where every index has been, and producers cache it in {@link #readGate}.
 *
 * <p><b>Consumers</b> look at the slot of the next index ({@link #consumerIndex}, volatile), take it
 * only if its published index is that index (acquire, so the envelope's write is visible), mark the
 * index as claimed in a counter of their own ({@link #claims}), claim it with a CAS, read the slot,
 * and clear their mark. A consumer's mark is on its own cache line, so the consumers share only the
 * claim index, as the Disruptor's {@code WorkerPool} workers share only their work sequence.
 *
 * <p><b>Why a producer may reuse a slot.</b> {@code readBound()} reads the consumer index first
 * (volatile), then each consumer's mark (acquire). Every index below the consumer index it read was
 * claimed by a CAS that came after its consumer's mark store in program order; having seen the CAS,
 * the producer sees the mark or the later clearing store, which comes after the slot's read. So
 * each index below the bound was read. A cached bound stays valid: indices are claimed in order,
 * so a later claim is at or above it.
 *
 * <p>A slot keeps its last envelope until a producer reuses it: up to {@code capacity} envelopes that
 * were already handled stay reachable from the ring.
 */
final class GroupRing implements WorkQueue {

    /** A consumer's mark when it holds no claim. */
    private static final long NOT_CLAIMING = Long.MAX_VALUE;

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Envelope[].class);
    private static final VarHandle PUBLISHED = MethodHandles.arrayElementVarHandle(long[].class);

    private final Envelope<?>[] slots;
    /** Per slot, the index last published into it; {@code index - capacity} before the first. */
    private final long[] published;
    private final int capacity;
    private final int mask;
    private final PaddedCounter producerIndex = new PaddedCounter(0);
    private final PaddedCounter consumerIndex = new PaddedCounter(0);
    /** A bound below which every index has been read, as last computed by a producer. */
    private final PaddedCounter readGate = new PaddedCounter(0);
    /** Per consumer: the index it is claiming or has claimed and not yet read, else {@link #NOT_CLAIMING}. */
    private final PaddedCounter[] claims;

    /**
     * @param capacity  a power of two, at least 2
     * @param consumers how many consumers take from it, each with its own index
     */
    GroupRing(int capacity, int consumers) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("GroupRing capacity must be a power of two >= 2 but was " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.slots = new Envelope<?>[capacity];
        this.published = new long[capacity];
        for (int i = 0; i < capacity; i++) {
            published[i] = i - (long) capacity;
        }
        this.claims = new PaddedCounter[consumers];
        for (int i = 0; i < consumers; i++) {
            claims[i] = new PaddedCounter(NOT_CLAIMING);
        }
        // The arrays are published to other threads by the group's publication (a volatile write of
        // the subscriber table) and the workers' Thread.start.
    }

    @Override
    public boolean offer(Envelope<?> envelope) {
        long index;
        do {
            index = producerIndex.get();
            long reused = index - capacity;
            // Acquire: the bound another producer stored came from acquire reads of the consumers' marks,
            // so reading it with acquire orders their slot reads before this producer's write of the slot
            // (a plain load on x86). Any value a producer stored is a valid bound (see the class comment);
            // a smaller one stored late only makes the next offer compute it again.
            if (reused >= readGate.getAcquire()) {
                long bound = readBound();
                if (reused >= bound) {
                    return false;
                }
                readGate.setRelease(bound);
            }
        } while (!producerIndex.compareAndSet(index, index + 1));
        int slot = (int) index & mask;
        // Plain: published by the release store of the index below, which a consumer reads with acquire.
        SLOTS.set(slots, slot, envelope);
        PUBLISHED.setRelease(published, slot, index);
        return true;
    }

    /** Every index below the result has been read by the consumer that claimed it. */
    private long readBound() {
        // The consumer index first: see the class comment for why this order makes the marks' reads safe.
        long bound = consumerIndex.get();
        for (PaddedCounter claim : claims) {
            long claimed = claim.getAcquire();
            if (claimed < bound) {
                bound = claimed;
            }
        }
        return bound;
    }

    @Override
    public Envelope<?> poll(int consumer) {
        PaddedCounter claim = claims[consumer];
        while (true) {
            long index = consumerIndex.get();
            int slot = (int) index & mask;
            long ready = (long) PUBLISHED.getAcquire(published, slot);
            if (ready != index) {
                if (ready < index) {
                    // Not published yet: empty, or a producer between its claim and its publish.
                    return null;
                }
                // The slot already holds a later index: this consumer's read of the index was stale.
                continue;
            }
            // Single writer: a release store, which the claim's CAS (a full fence) orders before itself.
            claim.setRelease(index);
            if (consumerIndex.compareAndSet(index, index + 1)) {
                Envelope<?> envelope = (Envelope<?>) SLOTS.get(slots, slot);
                // After the slot's read: a producer that sees the mark cleared may reuse the slot.
                claim.setRelease(NOT_CLAIMING);
                return envelope;
            }
            claim.setRelease(NOT_CLAIMING);
        }
    }

    @Override
    public boolean isEmpty() {
        // The consumer index first: a take between the two reads can then make the ring look non-empty
        // when it is not, never an envelope already offered look absent. A producer's claim counts
        // before its publish, so a worker about to park stays awake for an envelope still being written.
        long consumed = consumerIndex.get();
        return producerIndex.get() <= consumed;
    }

    @Override
    public int size() {
        long consumed = consumerIndex.get();
        long size = producerIndex.get() - consumed;
        return (int) Math.max(0, Math.min(capacity, size));
    }
}
