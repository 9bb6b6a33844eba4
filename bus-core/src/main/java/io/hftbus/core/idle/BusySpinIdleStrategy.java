package io.hftbus.core.idle;

/**
 * Never leaves the core: every step is one {@link Thread#onSpinWait()}. The lowest latency, and a
 * core burnt even while idle; never holds off after a burst, so it is also the choice for latency
 * at any price.
 */
public final class BusySpinIdleStrategy implements IdleStrategy {

    /** A busy-spinning strategy; it holds no state, so one instance may be shared. */
    public BusySpinIdleStrategy() {
    }

    @Override
    public void idle() {
        Thread.onSpinWait();
    }

    @Override
    public void reset() {
        // One step only: nothing to go back to.
    }

    @Override
    public String toString() {
        return "BusySpinIdleStrategy";
    }
}
