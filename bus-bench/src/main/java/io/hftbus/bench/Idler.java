package io.hftbus.bench;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How the peers' consumer threads wait for work, with the same steps and counts as the bus's own
 * dispatch thread, so that the wait strategy is not what a comparison measures: {@link Waiting#YIELDING}
 * spins {@value #SPINS} times and then yields; {@link Waiting#BACKOFF} also yields {@value #YIELDS}
 * times and then parks until {@link #wake()}. Both first hold off for {@value #HOLD_OFF_SPINS} spins
 * after work ran out, before they look at the source again, as the bus's dispatch thread does (see
 * its class comment): without it, a consumer that keeps catching up with its publisher pulls the
 * slot the publisher writes next away from it on every event.
 *
 * <p><b>Waking.</b> The consumer announces it is about to park in {@link #sleeping} (a volatile
 * write) and checks for work once more; the publisher makes its event visible and then reads the
 * flag (a volatile read). One of the two sees the other, so no wake-up is lost; the timed park is
 * only a safety net.
 */
public final class Idler {

    static final int SPINS = 256;
    static final int YIELDS = 64;
    static final int HOLD_OFF_SPINS = 16;
    private static final long PARK_SAFETY_NANOS = 100_000_000L;

    private final Waiting waiting;
    private volatile boolean sleeping;
    private volatile Thread owner;

    /** An idler for one consumer thread. */
    public Idler(Waiting waiting) {
        this.waiting = waiting;
    }

    /**
     * Waits one round; returns the next round number. Call with 0 after work was found.
     *
     * @param hasWork checked after announcing the park, must read the consumer's queue with acquire
     */
    public int idle(int rounds, BooleanSupplier hasWork) {
        if (rounds == 0) {
            for (int i = 0; i < HOLD_OFF_SPINS; i++) {
                Thread.onSpinWait();
            }
            return 1;
        }
        if (rounds < SPINS) {
            Thread.onSpinWait();
            return rounds + 1;
        }
        if (waiting == Waiting.YIELDING || rounds < SPINS + YIELDS) {
            Thread.yield();
            return Math.min(rounds + 1, SPINS + YIELDS);
        }
        owner = Thread.currentThread();
        sleeping = true;
        if (!hasWork.getAsBoolean()) {
            LockSupport.parkNanos(this, PARK_SAFETY_NANOS);
        }
        sleeping = false;
        return rounds;
    }

    /** Called by a publisher after its event is visible to the consumer; a volatile read when awake. */
    public void wake() {
        if (sleeping) {
            LockSupport.unpark(owner);
        }
    }
}
