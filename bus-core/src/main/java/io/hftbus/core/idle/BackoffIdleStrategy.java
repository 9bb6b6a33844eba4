package io.hftbus.core.idle;

/**
 * Holds off, spins, yields, then sleeps: near-spin latency during a burst, and no CPU once the
 * thread has been idle for a while.
 *
 * <p>The ladder: after a {@link #reset()}, one step of {@code holdOffSpins} spins (see
 * {@link YieldingIdleStrategy} for why); then {@code spins} steps of {@link Thread#onSpinWait()};
 * then {@code yields} steps of {@link Thread#yield()}; then every step is the {@link Sleeper}'s,
 * which parks until the thread is woken or its sleep ends.
 */
public final class BackoffIdleStrategy implements IdleStrategy {

    /** Spins of the first step after a reset. */
    private final int holdOffSpins;
    /** Steps of one {@link Thread#onSpinWait()} each, after the hold-off. */
    private final int spins;
    /** Steps of one {@link Thread#yield()} each, after the spins. */
    private final int yields;
    private final Sleeper sleeper;
    private int step;

    /**
     * @param holdOffSpins spins of the first step after work, {@code >= 0} (0: no hold-off)
     * @param spins        spinning steps, {@code >= 0}
     * @param yields       yielding steps, {@code >= 0}
     * @param sleeper      how the last step sleeps
     */
    public BackoffIdleStrategy(int holdOffSpins, int spins, int yields, Sleeper sleeper) {
        this.holdOffSpins = Steps.requireNonNegative("holdOffSpins", holdOffSpins);
        this.spins = Steps.requireNonNegative("spins", spins);
        this.yields = Steps.requireNonNegative("yields", yields);
        if (sleeper == null) {
            throw new NullPointerException("sleeper must not be null");
        }
        this.sleeper = sleeper;
    }

    @Override
    public void idle() {
        if (step == 0) {
            Steps.spin(holdOffSpins);
            step = 1;
        } else if (step <= spins) {
            Thread.onSpinWait();
            step++;
        } else if (step <= spins + yields) {
            Thread.yield();
            step++;
        } else {
            sleeper.sleep();
        }
    }

    @Override
    public void reset() {
        step = 0;
    }

    @Override
    public String toString() {
        return "BackoffIdleStrategy[holdOff=" + holdOffSpins + ", spins=" + spins + ", yields=" + yields + ", "
                + sleeper + "]";
    }
}
