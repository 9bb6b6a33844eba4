package io.hftbus.core.idle;

/**
 * The last step of a {@link BackoffIdleStrategy} or the only one of a {@link BlockingIdleStrategy}:
 * how the idle thread gives up its core. {@link WakeableSleeper} parks until a producer wakes it;
 * {@link TimedSleeper} parks for a fixed time, for a thread that nobody wakes.
 */
public interface Sleeper {

    /** Gives up the core until woken, the sleep's own limit, or (for some sleepers) work arrives. */
    void sleep();
}
