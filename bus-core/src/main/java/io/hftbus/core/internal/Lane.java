package io.hftbus.core.internal;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.Envelope;
import io.hftbus.api.LaneConfig;
import io.hftbus.api.Priority;
import io.hftbus.core.idle.WakeableSleeper;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One priority's bounded queue of envelopes: any number of publishers offer, its dispatch thread
 * takes, and a close seals it.
 *
 * <p><b>The algorithm</b> is the bounded multi-producer multi-consumer array queue of Dmitry Vyukov,
 * as JCTools' {@code MpmcArrayQueue} implements it: every slot has a sequence that says whose turn
 * it is. A slot of index {@code i} is free for the producer of {@code i} when its sequence is
 * {@code i}, holds that producer's envelope when it is {@code i + 1}, and is free for the producer of
 * {@code i + capacity} once the consumer has set it to that. A producer claims an index with a CAS
 * on {@link #producerIndex}, writes the slot, and publishes it with a release store of the
 * sequence; a consumer claims with a CAS on {@link #consumerIndex}, reads the slot after an acquire
 * load of the sequence, clears it, and frees it with a release store. The consumer never reads the
 * producer index to take an envelope: it looks only at the slot it would take, a line the
 * producer writes anyway, so a dispatch thread spinning on an empty lane does not pull the line
 * that every publisher CASes away from them.
 *
 * <p><b>Why not JCTools' own queue.</b> A close must know exactly which offers were accepted: an
 * offer racing the close is either accepted, and then delivered, or refused, and then its publish
 * throws. The lane gets that from one bit: {@link #seal()} sets the sign bit of the producer index
 * in a CAS, and an offer's CAS expects the value it read, so every offer is ordered against the seal
 * in the index's modification order, with no fence or counter on the publish path beyond the CAS
 * the offer makes anyway. JCTools' queue has no room for such a bit. What the bus adds besides is
 * a batch claim ({@link #offerBatch}) and the consumer's count of what it took ({@link #taken}),
 * which is also each envelope's position in the lane.
 *
 * <p><b>Consumers.</b> The lane's dispatch thread is its consumer. A close that gave up waiting for
 * a stuck dispatch thread drains the lane too, which is why the consumer side claims with a CAS
 * like a multi-consumer queue: every envelope is taken exactly once, by one of them.
 *
 * <p><b>Layout.</b> The producer index, the consumer index and the dispatch thread's count each sit
 * alone on a cache line ({@link PaddedCounter}); the fields publishers read on every offer are
 * final.
 */
final class Lane {

    /** What {@link #offer} returns when the envelope is in the lane. */
    static final int OFFERED = 0;
    /** What {@link #offer} returns when the lane has no free slot. */
    static final int FULL = 1;
    /** What {@link #offer} returns when the lane is sealed and the offer was not allowed past the seal. */
    static final int SEALED = 2;

    /** The sign bit of {@link #producerIndex}: set once, by {@link #seal()}. */
    private static final long SEAL_BIT = Long.MIN_VALUE;

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Envelope[].class);
    private static final VarHandle SEQUENCES = MethodHandles.arrayElementVarHandle(long[].class);

    final Priority priority;
    /** {@code priority.ordinal()}, the lane's index in per-lane arrays. */
    final int ordinal;
    final BackpressurePolicy policy;
    final int capacity;
    private final int mask;
    private final Envelope<?>[] slots;
    private final long[] sequences;

    /** The next index a producer claims; its sign bit is the seal. */
    private final PaddedCounter producerIndex = new PaddedCounter(0);
    /** The next index a consumer claims. */
    private final PaddedCounter consumerIndex = new PaddedCounter(0);

    /**
     * Envelopes the lane's dispatch thread has taken: single writer (that thread), release stores,
     * read with acquire by the close protocol. While the dispatch thread is the only consumer, the
     * count before a take is the taken envelope's position, the index it had in the lane.
     */
    final PaddedCounter taken = new PaddedCounter(0);

    /** Highest depth seen; written by the dispatch thread, and by a publisher the lane refused. */
    private volatile int highWaterMark;

    /** Wakes the lane's dispatch thread; set once, before any thread that uses the lane starts. */
    WakeableSleeper wakeup;

    Lane(Priority priority, LaneConfig config) {
        this.priority = priority;
        this.ordinal = priority.ordinal();
        this.policy = config.backpressure();
        this.capacity = roundUpToPowerOfTwo(config.capacity());
        this.mask = capacity - 1;
        this.slots = new Envelope<?>[capacity];
        this.sequences = new long[capacity];
        for (int i = 0; i < capacity; i++) {
            // Plain stores: the lane is published to other threads by Thread.start() or a final field.
            sequences[i] = i;
        }
    }

    private static int roundUpToPowerOfTwo(int capacity) {
        return capacity <= 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
    }

    // ------------------------------------------------------------------------------------------------
    // Producers.

    /**
     * Offers one envelope.
     *
     * @param evenIfSealed whether the offer may pass the seal (the dispatch threads' own publishes
     *                     while a close drains)
     * @return {@link #OFFERED}, {@link #FULL} or {@link #SEALED}
     */
    int offer(Envelope<?> envelope, boolean evenIfSealed) {
        long consumerIndexSeen = Long.MIN_VALUE;
        while (true) {
            long claim = producerIndex.get();
            if (claim < 0 && !evenIfSealed) {
                return SEALED;
            }
            long index = claim & ~SEAL_BIT;
            int slot = (int) index & mask;
            // Acquire: pairs with the consumer's release store that freed the slot, so that our write
            // of the slot cannot be seen before the consumer's clearing of it.
            long sequence = (long) SEQUENCES.getAcquire(sequences, slot);
            if (sequence == index) {
                // The slot is free for this index. The CAS claims it and keeps the seal bit as it was; it
                // fails if another producer claimed the index or the lane was sealed since we read it.
                if (producerIndex.compareAndSet(claim, claim + 1)) {
                    publish(slot, index, envelope);
                    return OFFERED;
                }
            } else if (sequence < index) {
                // The slot still holds the envelope of index - capacity: the lane is full, unless a
                // consumer has claimed that envelope and is about to free the slot (then go round).
                long previous = index - capacity;
                if (previous >= consumerIndexSeen && previous >= (consumerIndexSeen = consumerIndex.get())) {
                    recordDepth(capacity);
                    return FULL;
                }
            }
            // sequence > index: another producer claimed this index after we read the producer index.
        }
    }

    /**
     * Offers {@code envelopes[from, from + count)} in order, claiming the slots of as many of them
     * as there is room for with one CAS.
     *
     * @param count        how many to offer, within {@code [1, capacity]}
     * @param evenIfSealed as for {@link #offer}
     * @return how many were offered, from the first (0 when the lane is full), or {@code -1} when
     *         the lane is sealed and the offer was not allowed past the seal
     */
    int offerBatch(Envelope<?>[] envelopes, int from, int count, boolean evenIfSealed) {
        while (true) {
            long claim = producerIndex.get();
            if (claim < 0 && !evenIfSealed) {
                return -1;
            }
            long index = claim & ~SEAL_BIT;
            int claimed = count;
            long last = index + count - 1;
            // Look ahead, as JCTools' fill() does: if the batch's last slot is free, every earlier one
            // has at least been claimed by a consumer (consumers claim in index order) and will be
            // free by the time we write it. Otherwise ask the consumer index how much room there is.
            if ((long) SEQUENCES.getAcquire(sequences, (int) last & mask) != last) {
                long room = capacity - (index - consumerIndex.get());
                if (room <= 0) {
                    recordDepth(capacity);
                    return 0;
                }
                claimed = (int) Math.min(count, room);
            }
            if (producerIndex.compareAndSet(claim, claim + claimed)) {
                for (int i = 0; i < claimed; i++) {
                    long at = index + i;
                    int slot = (int) at & mask;
                    // The consumer that claimed the slot's previous envelope may not have freed it yet: it
                    // is a few instructions from doing so, unless it lost its core, so spin, then yield.
                    for (int spins = 0; (long) SEQUENCES.getAcquire(sequences, slot) != at; spins++) {
                        if (spins < 64) {
                            Thread.onSpinWait();
                        } else {
                            Thread.yield();
                        }
                    }
                    publish(slot, at, envelopes[from + i]);
                }
                if (claimed < count) {
                    recordDepth(capacity);
                }
                return claimed;
            }
        }
    }

    private void publish(int slot, long index, Envelope<?> envelope) {
        // Plain store: the release store of the sequence that follows publishes it (and the
        // envelope's fields, written before it) to the consumer's acquire load.
        SLOTS.set(slots, slot, envelope);
        SEQUENCES.setRelease(sequences, slot, index + 1);
    }

    // ------------------------------------------------------------------------------------------------
    // Consumers.

    /**
     * Takes the envelope at the head of the lane, or returns null when there is none yet: the lane
     * is empty, or the producer that claimed the head has not written it yet.
     */
    Envelope<?> poll() {
        while (true) {
            long index = consumerIndex.get();
            int slot = (int) index & mask;
            // Acquire: pairs with the producer's release store, so the envelope is fully visible.
            long sequence = (long) SEQUENCES.getAcquire(sequences, slot);
            long ready = index + 1;
            if (sequence < ready) {
                return null;
            }
            if (sequence == ready && consumerIndex.compareAndSet(index, ready)) {
                Envelope<?> envelope = (Envelope<?>) SLOTS.get(slots, slot);
                SLOTS.set(slots, slot, null);
                // Release: the clearing is done before the slot is offered to the next producer.
                SEQUENCES.setRelease(sequences, slot, index + capacity);
                return envelope;
            }
            // Another consumer (a forced close's drain) took it: go round.
        }
    }

    /**
     * Takes the head for the lane's dispatch thread and counts it in {@link #taken}.
     *
     * @return the envelope, or null as for {@link #poll()}
     */
    Envelope<?> take() {
        Envelope<?> envelope = poll();
        if (envelope != null) {
            // Single writer: a plain read of our own count, a release store for the close protocol.
            taken.setRelease(taken.getPlain() + 1);
        }
        return envelope;
    }

    /**
     * Whether an offer has claimed an index the consumers have not taken: the lane has or will
     * shortly have an envelope. Volatile reads of both indices: the dispatch thread's last look
     * before it parks reads the producer index a publisher's CAS wrote (see {@link WakeableSleeper}).
     */
    boolean hasEnvelopes() {
        return (producerIndex.get() & ~SEAL_BIT) != consumerIndex.get();
    }

    /**
     * Whether the dispatch thread has taken every envelope any producer claimed a slot for. Only
     * meaningful once the lane is sealed, when only the dispatch threads' own offers can still come.
     */
    boolean allTaken() {
        // Acquire: pairs with the dispatch thread's release store of its count.
        return taken.getAcquire() == (producerIndex.get() & ~SEAL_BIT);
    }

    // ------------------------------------------------------------------------------------------------
    // Closing.

    /** Seals the lane: from now on an offer is refused unless it is allowed past the seal. Idempotent. */
    void seal() {
        while (true) {
            long claim = producerIndex.get();
            if (claim < 0 || producerIndex.compareAndSet(claim, claim | SEAL_BIT)) {
                return;
            }
        }
    }

    /** Whether {@link #seal()} has run. */
    boolean isSealed() {
        return producerIndex.get() < 0;
    }

    /**
     * The index the next offer would claim: the position in the lane of the next envelope it
     * accepts. Read by subscribe, so that a new subscriber receives what the lane accepts from here.
     */
    long producerPosition() {
        return producerIndex.get() & ~SEAL_BIT;
    }

    // ------------------------------------------------------------------------------------------------
    // Depth.

    /**
     * Whether the lane holds an envelope at {@code index}: its slot's sequence says so. Used to probe
     * the depth ahead of the consumer without reading the producer index; reading a slot well ahead
     * of where the publishers write touches a line that the consumer itself wrote last.
     */
    boolean holds(long index) {
        return (long) SEQUENCES.getAcquire(sequences, (int) index & mask) == index + 1;
    }

    /** Envelopes in the lane now: a moment's estimate while producers and the consumer run. */
    int size() {
        // Consumer index first: read the other way round, a consumer moving between the two reads
        // could make the difference negative.
        long consumer = consumerIndex.get();
        long producer = producerIndex.get() & ~SEAL_BIT;
        return (int) Math.max(0, Math.min(capacity, producer - consumer));
    }

    /** The highest depth recorded. */
    int highWaterMark() {
        return highWaterMark;
    }

    /** Records a depth just seen; called by the dispatch thread when it samples, and on refusals. */
    void recordDepth(int depth) {
        // A plain check first: the common case writes nothing. Two writers (the dispatch thread and a
        // refused publisher) may race and one lower value win for a moment; the next sample or
        // refusal raises it again, so the mark is a sampled estimate, as documented.
        if (depth > highWaterMark) {
            highWaterMark = depth;
        }
    }

    @Override
    public String toString() {
        return "Lane[" + priority + ", capacity " + capacity + ", " + policy + (isSealed() ? ", sealed" : "") + "]";
    }
}
