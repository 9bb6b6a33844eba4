package io.hftbus.core.internal;

import io.hftbus.api.BackpressureException;
import io.hftbus.api.BusClosedException;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.ExclusivePublisher;
import io.hftbus.api.Priority;
import io.hftbus.api.event.Event;
import io.hftbus.core.idle.BackoffIdleStrategy;
import io.hftbus.core.idle.IdleStrategy;
import io.hftbus.core.idle.TimedSleeper;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;

/**
 * The publish path of one publisher: an {@link ExclusivePublisher} handle, or the publisher that
 * {@link EventBus#publish(Event)} keeps for each thread that calls it. Stamp, envelope, observers,
 * lane offer, wake-up; the lane's policy when it is full. No lock, no logging, one envelope per
 * event; the only atomic operations are the lane's slot claim and, once per
 * {@value SequenceBlocks#BLOCK} sequences, the claim of a sequence block.
 *
 * <p><b>Ownership.</b> A publication belongs to one thread: its sequence block, its batch buffer
 * and its observers' per-thread views are that thread's alone, which is what makes them cheap. The
 * owner is bound by a CAS on the first call (or at creation for a thread's own publication) and
 * checked on every call, before anything is published: {@link Thread#currentThread()} is an
 * intrinsic, so the check is a load and a compare.
 */
final class Publication implements ExclusivePublisher {

    /** Envelopes built and offered at a time by a batch: one slot claim per run of this many. */
    private static final int BATCH_CHUNK = 64;
    /** A publisher blocked on a full lane spins, yields, then parks this long between looks. */
    private static final long BLOCK_PARK_NANOS = 20_000L;
    private static final int BLOCK_SPINS = 128;
    private static final int BLOCK_YIELDS = 128;

    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(Publication.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PublishContext bus;
    private final String name;
    private final Lane[] lanes;
    private final boolean stamped;
    private final int origin;

    /** Bound once by a CAS; afterwards read plainly (a written-once reference: any non-null read is it). */
    @SuppressWarnings("unused") // written and read through OWNER and plainly
    private Thread owner;
    /** The owner's views of the observers; written by the owner before its first publish. */
    private ObserverChain observers;
    private long nextSequence;
    private long sequenceEnd;
    private Envelope<?>[] batch;
    private IdleStrategy blockWait;

    /** A handle whose owner is the first thread to publish through it; its envelopes carry {@code origin}. */
    Publication(PublishContext bus, String name, int origin) {
        this.bus = bus;
        this.name = name;
        this.lanes = bus.lanes;
        this.stamped = bus.stamped;
        this.origin = origin;
    }

    /** The publication of the calling thread, owned by it from the start. */
    static Publication ofCurrentThread(PublishContext bus) {
        Publication publication = new Publication(bus, "thread " + Thread.currentThread().getName(),
                Envelope.LOCAL_ORIGIN);
        publication.bind(Thread.currentThread());
        return publication;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int origin() {
        return origin;
    }

    // ------------------------------------------------------------------------------------------------
    // One event.

    @Override
    public long publish(Event event) {
        if (event == null) {
            throw new NullPointerException("bus '" + bus.name + "': event must not be null");
        }
        return publish(event, event.type().defaultPriority());
    }

    @Override
    public long publish(Event event, Priority priority) {
        ObserverChain observers = ownerObservers();
        // Validate before anything is announced: an announced envelope must end in a delivery or drop.
        if (event == null) {
            throw new NullPointerException("bus '" + bus.name + "': event must not be null");
        }
        if (priority == null) {
            throw new NullPointerException("bus '" + bus.name + "': priority must not be null for a "
                    + event.type() + " event");
        }
        Lane lane = lanes[priority.ordinal()];
        // A volatile read of the line the offer is about to CAS: refuses a closed bus before the
        // observers hear of the event. A close that seals the lane after this read still refuses the
        // offer, which then reports the announced envelope dropped.
        boolean pastSeal = lane.isSealed() && bus.passSealOrRefuse(event.type(), 0);
        long sequence = nextSequences(1);
        Envelope<Event> envelope = new Envelope<>(sequence, stamped ? System.nanoTime() : Envelope.NOT_STAMPED,
                priority, event, origin);
        observers.published(envelope);
        int result = lane.offer(envelope, pastSeal);
        if (result != Lane.OFFERED) {
            return refused(lane, envelope, result, pastSeal, observers);
        }
        // After the offer's CAS: a volatile read of the dispatch thread's sleep flag (WakeableSleeper).
        lane.wakeup.wake();
        if (pastSeal) {
            bus.close.afterOfferPastSeal(lane);
        }
        return sequence;
    }

    /** The lane did not take the envelope: its seal or its policy decides. */
    private long refused(Lane lane, Envelope<Event> envelope, int result, boolean pastSeal,
                         ObserverChain observers) {
        if (result == Lane.SEALED) {
            // Sealed between our check and our offer. A dispatch thread goes on past the seal (a
            // closing bus delivers its cascade); any other thread is refused.
            if (!bus.close.mayPassSeal()) {
                observers.dropped(envelope, null, DropReason.BUS_CLOSED);
                throw new BusClosedException(bus.name, "publish " + envelope.type());
            }
            pastSeal = true;
            if (lane.offer(envelope, true) == Lane.OFFERED) {
                lane.wakeup.wake();
                bus.close.afterOfferPastSeal(lane);
                return envelope.sequence();
            }
        }
        switch (lane.policy) {
            case DROP_NEWEST:
                observers.dropped(envelope, null, DropReason.LANE_FULL);
                return EventBus.NOT_ACCEPTED;
            case FAIL_FAST:
                observers.dropped(envelope, null, DropReason.LANE_FULL);
                throw backpressure(lane, envelope, BackpressureException.Cause.LANE_FULL, 0, 1);
            case BLOCK:
                blockUntilOffered(lane, envelope, pastSeal, observers, 0, 1);
                if (lane.isSealed()) {
                    // The wait may have gone past a seal that came meanwhile.
                    bus.close.afterOfferPastSeal(lane);
                }
                return envelope.sequence();
            default:
                throw new AssertionError(lane.policy);
        }
    }

    /**
     * Waits for room in a full lane ({@link io.hftbus.api.BackpressurePolicy#BLOCK}): spins, yields,
     * then parks briefly, up to the block timeout.
     *
     * @throws BackpressureException on timeout or interrupt, BusClosedException if the lane is
     *                               sealed meanwhile; the envelope is then reported dropped
     */
    private void blockUntilOffered(Lane lane, Envelope<?> envelope, boolean pastSeal, ObserverChain observers,
                                   int accepted, int batchSize) {
        IdleStrategy wait = blockWait();
        wait.reset();
        long deadline = System.nanoTime() + bus.blockTimeoutNanos;
        while (true) {
            int result = lane.offer(envelope, pastSeal);
            if (result == Lane.OFFERED) {
                lane.wakeup.wake();
                return;
            }
            if (result == Lane.SEALED) {
                if (bus.close.mayPassSeal()) {
                    pastSeal = true;
                    continue;
                }
                observers.dropped(envelope, null, DropReason.BUS_CLOSED);
                throw new BusClosedException(bus.name, "publish " + envelope.type(), accepted);
            }
            if (Thread.currentThread().isInterrupted()) {
                observers.dropped(envelope, null, DropReason.LANE_FULL);
                throw backpressure(lane, envelope, BackpressureException.Cause.INTERRUPTED, accepted, batchSize);
            }
            if (System.nanoTime() - deadline >= 0) {
                observers.dropped(envelope, null, DropReason.LANE_FULL);
                throw backpressure(lane, envelope, BackpressureException.Cause.TIMED_OUT, accepted, batchSize);
            }
            wait.idle();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Batches.

    @Override
    public int publishBatch(List<? extends Event> events) {
        return publishBatch(events, null, "events");
    }

    @Override
    public int publishBatch(List<? extends Event> events, Priority priority) {
        if (priority == null) {
            throw new NullPointerException("bus '" + bus.name + "': priority must not be null for a batch");
        }
        return publishBatch(events, priority, "events");
    }

    /**
     * The batch path: validates the whole list, claims its sequences and reads the clock once, then
     * offers each run of consecutive events of one lane (at most {@value #BATCH_CHUNK} at a time)
     * with one slot claim.
     *
     * @param priority the lane of every event, or null for each type's default
     */
    private int publishBatch(List<? extends Event> events, Priority priority, String what) {
        ObserverChain observers = ownerObservers();
        if (events == null) {
            throw new NullPointerException("bus '" + bus.name + "': " + what + " must not be null");
        }
        int size = events.size();
        for (int i = 0; i < size; i++) {
            if (events.get(i) == null) {
                throw new NullPointerException("bus '" + bus.name + "': " + what + "[" + i + "] must not be null;"
                        + " nothing of the batch was published");
            }
        }
        if (size == 0) {
            return 0;
        }
        long firstSequence = nextSequences(size);
        long publishNanos = stamped ? System.nanoTime() : Envelope.NOT_STAMPED;
        Envelope<?>[] envelopes = batchBuffer();
        int accepted = 0;
        int next = 0;
        while (next < size) {
            Priority runPriority = priority != null ? priority : events.get(next).type().defaultPriority();
            Lane lane = lanes[runPriority.ordinal()];
            int limit = Math.min(size, next + Math.min(BATCH_CHUNK, lane.capacity));
            int end = next + 1;
            while (end < limit && (priority != null || events.get(end).type().defaultPriority() == runPriority)) {
                end++;
            }
            boolean pastSeal = lane.isSealed() && bus.passSealOrRefuse(events.get(next).type(), accepted);
            int run = end - next;
            for (int i = 0; i < run; i++) {
                Envelope<Event> envelope = new Envelope<>(firstSequence + next + i, publishNanos, runPriority,
                        events.get(next + i), origin);
                envelopes[i] = envelope;
                observers.published(envelope);
            }
            accepted += offerRun(lane, envelopes, run, pastSeal, observers, accepted, size);
            next = end;
        }
        return accepted;
    }

    /**
     * Offers {@code envelopes[0, run)}, all announced and all of one lane, as a loop of single
     * publishes would, but claiming slots for as many as fit at once. An exception ends the batch:
     * the announced envelopes it did not offer are reported dropped.
     *
     * @return how many of the run were accepted
     */
    private int offerRun(Lane lane, Envelope<?>[] envelopes, int run, boolean pastSeal, ObserverChain observers,
                         int acceptedBefore, int batchSize) {
        int accepted = 0;
        int at = 0;
        try {
            while (at < run) {
                int offered = lane.offerBatch(envelopes, at, run - at, pastSeal);
                if (offered > 0) {
                    lane.wakeup.wake();
                    accepted += offered;
                    at += offered;
                    continue;
                }
                if (offered < 0) {
                    // Sealed since the run's check: a dispatch thread goes on past the seal, others stop.
                    if (bus.close.mayPassSeal()) {
                        pastSeal = true;
                        continue;
                    }
                    observers.dropped(envelopes[at], null, DropReason.BUS_CLOSED);
                    at++;
                    throw new BusClosedException(bus.name, "publish " + envelopes[at - 1].type(), acceptedBefore + accepted);
                }
                // Full: the lane's policy decides for the event that found no room, as publish() would.
                switch (lane.policy) {
                    case DROP_NEWEST:
                        observers.dropped(envelopes[at], null, DropReason.LANE_FULL);
                        at++;
                        break;
                    case FAIL_FAST:
                        observers.dropped(envelopes[at], null, DropReason.LANE_FULL);
                        at++;
                        throw backpressure(lane, envelopes[at - 1], BackpressureException.Cause.LANE_FULL,
                                acceptedBefore + accepted, batchSize);
                    case BLOCK:
                        // Throws, with the envelope reported, if the wait fails; then "at" is moved past it.
                        int blocked = at++;
                        blockUntilOffered(lane, envelopes[blocked], pastSeal, observers, acceptedBefore + accepted,
                                batchSize);
                        accepted++;
                        break;
                    default:
                        throw new AssertionError(lane.policy);
                }
            }
        } finally {
            // Announced but never offered because the batch ended early: their drop is owed too.
            for (int i = at; i < run; i++) {
                observers.dropped(envelopes[i], null, lane.isSealed() ? DropReason.BUS_CLOSED : DropReason.LANE_FULL);
            }
            Arrays.fill(envelopes, 0, run, null);
        }
        if (pastSeal || lane.isSealed()) {
            bus.close.afterOfferPastSeal(lane);
        }
        return accepted;
    }

    // ------------------------------------------------------------------------------------------------
    // The owner's state.

    /** The owner's observer views; binds the owner on the first call and refuses every other thread. */
    private ObserverChain ownerObservers() {
        Thread current = Thread.currentThread();
        Thread bound = owner;
        if (bound != current) {
            if (bound != null || !OWNER.compareAndSet(this, null, current)) {
                throw misuse(current);
            }
            bindViews();
        }
        return observers;
    }

    private void bind(Thread thread) {
        OWNER.setRelease(this, thread);
        bindViews();
    }

    private void bindViews() {
        // On the owner's thread: an observer's view may keep counters only this thread writes.
        observers = bus.observers.forThread();
    }

    private IllegalStateException misuse(Thread current) {
        Thread bound = (Thread) OWNER.getVolatile(this);
        return new IllegalStateException("exclusive publisher '" + name + "' of bus '" + bus.name
                + "' belongs to thread '" + (bound == null ? "?" : bound.getName()) + "' but was called from thread '"
                + current.getName() + "'; nothing was published. Give each publishing thread its own handle, or use"
                + " EventBus.publish, which is safe from any thread");
    }

    /** Claims {@code count} consecutive sequences from the block, or from a new one when it is used up. */
    private long nextSequences(int count) {
        long first = nextSequence;
        if (sequenceEnd - first >= count) {
            nextSequence = first + count;
            return first;
        }
        long block = Math.max(SequenceBlocks.BLOCK, count);
        first = bus.sequences.claim(block);
        nextSequence = first + count;
        sequenceEnd = first + block;
        return first;
    }

    private Envelope<?>[] batchBuffer() {
        if (batch == null) {
            batch = new Envelope<?>[BATCH_CHUNK];
        }
        return batch;
    }

    private IdleStrategy blockWait() {
        if (blockWait == null) {
            blockWait = new BackoffIdleStrategy(0, BLOCK_SPINS, BLOCK_YIELDS, new TimedSleeper(BLOCK_PARK_NANOS));
        }
        return blockWait;
    }

    private BackpressureException backpressure(Lane lane, Envelope<?> envelope, BackpressureException.Cause cause,
                                               int accepted, int batchSize) {
        return new BackpressureException(bus.name, lane.priority, lane.capacity, envelope.type(), cause, accepted,
                batchSize);
    }

    @Override
    public String toString() {
        Thread bound = owner;
        return "ExclusivePublisher[" + name + " on bus '" + bus.name + "', owner "
                + (bound == null ? "not bound yet" : "'" + bound.getName() + "'") + "]";
    }
}
