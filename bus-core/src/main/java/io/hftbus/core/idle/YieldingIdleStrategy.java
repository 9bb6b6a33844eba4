package io.hftbus.core.idle;

/**
 * Holds off, spins, then yields the core on every later step: low latency while another thread
 * can still run when this one has nothing to do.
 *
 * <p><b>Holding off.</b> The first step after a {@link #reset()} spins {@code holdOffSpins} times
 * before the caller looks for work again. A consumer that polls an empty queue reads the slot the
 * producer writes next, so a consumer that keeps catching up with its producer takes that cache
 * line away from it on every event and the two run in lock-step; a short pause lets the producer
 * fill a few slots undisturbed, which the consumer then takes in one pass. An event that arrives
 * during the pause waits for its end. Measured effects are in {@code docs/performance}.
 */
public final class YieldingIdleStrategy implements IdleStrategy {

    /** Spins of the first step after a reset. */
    private final int holdOffSpins;
    /** Steps of one {@link Thread#onSpinWait()} each before the strategy starts yielding. */
    private final int spins;
    private int step;

    /**
     * @param holdOffSpins spins of the first step after work, {@code >= 0} (0: no hold-off)
     * @param spins        spinning steps before yielding, {@code >= 0}
     */
    public YieldingIdleStrategy(int holdOffSpins, int spins) {
        this.holdOffSpins = Steps.requireNonNegative("holdOffSpins", holdOffSpins);
        this.spins = Steps.requireNonNegative("spins", spins);
    }

    @Override
    public void idle() {
        if (step == 0) {
            Steps.spin(holdOffSpins);
            step = 1;
        } else if (step <= spins) {
            Thread.onSpinWait();
            step++;
        } else {
            Thread.yield();
        }
    }

    @Override
    public void reset() {
        step = 0;
    }

    @Override
    public String toString() {
        return "YieldingIdleStrategy[holdOff=" + holdOffSpins + ", spins=" + spins + "]";
    }
}
