package io.hftbus.bench;

import io.hftbus.core.idle.BackoffIdleStrategy;
import io.hftbus.core.idle.BusySpinIdleStrategy;
import io.hftbus.core.idle.IdleStrategy;
import io.hftbus.core.idle.WakeableSleeper;
import io.hftbus.core.idle.YieldingIdleStrategy;

/**
 * How the peers' consumer threads wait for work: the bus's own idle strategy classes with the bus's
 * own steps and counts, so that the wait strategy is not what a comparison measures. Both yielding
 * families first hold off for {@value #HOLD_OFF_SPINS} spins after work ran out, as the bus's
 * dispatch thread does (see {@link YieldingIdleStrategy}): without it, a consumer that keeps
 * catching up with its publisher pulls the slot the publisher writes next away from it on every
 * event.
 */
final class Idlers {

    /** As the bus's dispatch threads: see {@code CoreEventBus}. */
    static final int HOLD_OFF_SPINS = 16;
    static final int SPINS = 256;
    static final int YIELDS = 64;
    static final long PARK_SAFETY_NANOS = 100_000_000L;

    private Idlers() {
    }

    /** The strategy of a waiting family, parking (for BACKOFF) with {@code sleeper}. */
    static IdleStrategy of(Waiting waiting, WakeableSleeper sleeper) {
        switch (waiting) {
            case BUSY_SPIN:
                return new BusySpinIdleStrategy();
            case YIELDING:
                return new YieldingIdleStrategy(HOLD_OFF_SPINS, SPINS);
            case BACKOFF:
                return new BackoffIdleStrategy(HOLD_OFF_SPINS, SPINS, YIELDS, sleeper);
            default:
                throw new AssertionError(waiting);
        }
    }
}
