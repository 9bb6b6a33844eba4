package io.hftbus.core.internal;

import io.hftbus.api.Envelope;
import io.hftbus.api.WaitStrategy;
import java.util.concurrent.locks.LockSupport;

/**
 * A dispatch thread's loop: take the next envelope from the highest-priority non-empty lane it
 * owns, deliver it, repeat; wait by the bus's {@link WaitStrategy} when every lane is empty; leave
 * once the bus is closing and every claimed sequence has been settled.
 *
 * <p><b>Strict priority.</b> Lanes are scanned from CRITICAL down after every envelope, so an
 * envelope of a higher lane is the next one delivered after the current handler call, however many
 * lower-priority envelopes are queued.
 *
 * <p><b>Waking.</b> With {@link WaitStrategy#BACKOFF} and {@link WaitStrategy#BLOCKING} the thread
 * parks. It announces that in {@link #sleeping} and then checks the lanes once more; a publisher
 * offers and then reads {@link #sleeping}. Both are sequentially consistent accesses (the
 * publisher's offer is a CAS on the queue's producer index, the emptiness check a volatile read of
 * it), so at least one side sees the other: either the dispatcher sees the envelope and does not
 * park, or the publisher sees the flag and unparks it. No wake-up is lost; the timed park is only a
 * safety net.
 *
 * <p><b>Holding off.</b> With {@link WaitStrategy#YIELDING} and {@link WaitStrategy#BACKOFF}, when
 * the lanes run dry right after a delivery the thread spins {@value #HOLD_OFF_SPINS} times before it
 * looks at them again. A dispatch thread that polls an empty lane reads the very slot the publisher
 * writes next, so each offer first has to take that cache line back: a publisher that is barely
 * slower than the dispatch thread then pays a cross-core miss on every event, and the two run in
 * lock-step. Holding off lets the publisher fill a few slots undisturbed, after which the thread
 * takes them in one pass. Measured in bus-bench (1 publisher to 1 handler, YIELDING, 2 cores, one
 * JVM per figure, the variants interleaved), in million events/s: 4.2-8.9 without the hold-off,
 * 13.8-14.5 with 8 spins, 14.7-15.3 with 16, 16.6-17.1 with 32. It costs an event published during
 * the hold-off at most that long (16 spins are about 0.4 µs on the machine measured), and nothing
 * to one that arrives once the thread is back to spinning. The price shows at a steady rate close
 * to the hold-off: at 1 million events/s (an event every microsecond) some runs settle at a median
 * latency of about 1 µs instead of 0.3 µs (of four JVMs each: none without the hold-off, one with
 * 8 spins, two with 16; 32 spins did so every time). {@link WaitStrategy#BUSY_SPIN} does not hold
 * off: it is the choice for latency at any price.
 */
final class Dispatcher implements Runnable {

    /** Spins of {@link Thread#onSpinWait()} before yielding, for YIELDING and BACKOFF. */
    private static final int SPINS = 256;
    /** Yields before parking, for BACKOFF. */
    private static final int YIELDS = 64;
    /** Spins after the lanes ran dry before they are looked at again, for YIELDING and BACKOFF. */
    static final int HOLD_OFF_SPINS = 16;
    /** Longest park before the lanes are looked at again without a wake-up. */
    private static final long PARK_SAFETY_NANOS = 100_000_000L;
    /** The depth of a lane is sampled at the start of a burst and every this many envelopes; a power of two. */
    private static final int DEPTH_SAMPLE_INTERVAL = 16;

    private final CoreEventBus bus;
    private final Lane[] lanes;
    private final WaitStrategy waitStrategy;

    /** True while this thread is parked or about to park; read by publishers after each offer. */
    volatile boolean sleeping;

    /** Set before the thread starts; publishers unpark it. */
    Thread thread;

    Dispatcher(CoreEventBus bus, Lane[] lanesInPriorityOrder, WaitStrategy waitStrategy) {
        this.bus = bus;
        this.lanes = lanesInPriorityOrder;
        this.waitStrategy = waitStrategy;
    }

    /**
     * Called by a publisher after its offer; cheap when the thread is awake.
     *
     * @return whether the thread had announced it sleeps and was unparked
     */
    boolean wakeIfSleeping() {
        if (sleeping) {
            LockSupport.unpark(thread);
            return true;
        }
        return false;
    }

    @Override
    public void run() {
        try {
            while (true) {
                try {
                    loop();
                    return;
                } catch (Throwable unexpected) {
                    // Handlers and observers are isolated where they are called, so this is the JVM (an
                    // OutOfMemoryError, say) or a bus bug. Dying would stall the lanes for good: report it,
                    // mark the bus's close as not clean, and keep draining.
                    bus.dispatchFailed(unexpected);
                }
            }
        } finally {
            bus.dispatcherExited();
        }
    }

    private void loop() {
        int idleRounds = 0;
        while (true) {
            Envelope<?> envelope = next(idleRounds != 0);
            if (envelope != null) {
                idleRounds = 0;
                bus.dispatch(envelope);
                continue;
            }
            if (bus.isClosing()) {
                if (bus.allClaimsSettled()) {
                    return;
                }
                // A publisher has claimed a sequence and not yet offered it: wait for it briefly.
                Thread.yield();
                continue;
            }
            idleRounds = idle(idleRounds);
        }
    }

    /** The head of the highest-priority non-empty lane, or null when all are empty. */
    private Envelope<?> next(boolean burstStart) {
        for (int i = 0; i < lanes.length; i++) {
            Lane lane = lanes[i];
            // relaxedPoll(), not poll(): on an empty lane poll() reads the producer index to tell
            // "empty" from "an offer in flight", and a dispatch thread that spins on an empty lane
            // then keeps that cache line away from the publishers, whose CAS on it is the lane's
            // offer (bus-bench, 1 publisher to 1 handler, YIELDING, 2 cores: 6.0-6.9 million events/s
            // with poll(), 7.0-8.3 with relaxedPoll(), eight JVMs each).
            // relaxedPoll() reads only the slot it would take, which the publisher writes anyway.
            // A null with an offer in flight is harmless: the loop comes back (idle, and park()
            // checks isEmpty(), which counts the claimed slot), and the close protocol counts
            // settled sequences rather than trusting an empty poll.
            Envelope<?> envelope = lane.queue.relaxedPoll();
            if (envelope != null) {
                // Single writer: a release store publishes the count to the close protocol's acquire read.
                long consumed = lane.consumed.get() + 1;
                lane.consumed.setRelease(consumed);
                // The sampling schedule derives from the padded count: no per-event write to a field
                // or array that shares a cache line with what publishers read (this object's sleeping).
                if (burstStart || (consumed & (DEPTH_SAMPLE_INTERVAL - 1)) == 0) {
                    // The envelope just taken counts too; a publisher refilling the lane meanwhile can make
                    // the estimate exceed what the lane can hold, so it is capped at the capacity.
                    lane.sampleDepth(Math.min(lane.queue.size() + 1, lane.capacity));
                }
                return envelope;
            }
        }
        return null;
    }

    private int idle(int rounds) {
        switch (waitStrategy) {
            case BUSY_SPIN:
                Thread.onSpinWait();
                return 1;
            case YIELDING:
                if (rounds == 0) {
                    holdOff();
                } else if (rounds < SPINS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
                return Math.min(rounds + 1, SPINS);
            case BACKOFF:
                if (rounds == 0) {
                    holdOff();
                } else if (rounds < SPINS) {
                    Thread.onSpinWait();
                } else if (rounds < SPINS + YIELDS) {
                    Thread.yield();
                } else {
                    park();
                }
                return Math.min(rounds + 1, SPINS + YIELDS);
            case BLOCKING:
                park();
                return 1;
            default:
                throw new AssertionError(waitStrategy);
        }
    }

    /** The first idle round after a delivery: see the class comment. */
    private static void holdOff() {
        for (int i = 0; i < HOLD_OFF_SPINS; i++) {
            Thread.onSpinWait();
        }
    }

    private void park() {
        if (announceSleep()) {
            // A handler may have left the interrupt status set; parking would then return at once,
            // forever. The dispatch thread is the bus's, so the status is not anyone else's to keep.
            Thread.interrupted();
            LockSupport.parkNanos(this, PARK_SAFETY_NANOS);
        }
        sleeping = false;
    }

    /**
     * Announces that this thread is about to park, then looks at the lanes and the close flag once
     * more (see the class comment for why no wake-up is lost).
     *
     * @return whether the thread may park: nothing arrived and the bus is not closing
     */
    boolean announceSleep() {
        sleeping = true;
        return !anyLaneHasWork() && !bus.isClosing();
    }

    private boolean anyLaneHasWork() {
        for (Lane lane : lanes) {
            if (!lane.queue.isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
