package io.hftbus.core.idle;

/**
 * Sleeps as soon as there is no work: the least CPU, and a thread wake-up's latency for the first
 * event of every burst.
 */
public final class BlockingIdleStrategy implements IdleStrategy {

    private final Sleeper sleeper;

    /** @param sleeper how the thread sleeps and is woken */
    public BlockingIdleStrategy(Sleeper sleeper) {
        if (sleeper == null) {
            throw new NullPointerException("sleeper must not be null");
        }
        this.sleeper = sleeper;
    }

    @Override
    public void idle() {
        sleeper.sleep();
    }

    @Override
    public void reset() {
        // One step only.
    }

    @Override
    public String toString() {
        return "BlockingIdleStrategy[" + sleeper + "]";
    }
}
