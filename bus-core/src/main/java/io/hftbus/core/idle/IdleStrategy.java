package io.hftbus.core.idle;

/**
 * How a thread that polls for work waits when it found none: a dispatch thread between bursts, a
 * publisher blocked on a full lane, a benchmark's consumer thread. One class per strategy, each a
 * ladder of steps that {@link #idle()} climbs one step per call and {@link #reset()} returns to the
 * bottom of.
 *
 * <p>The loop that uses one reads:
 *
 * <pre>{@code
 * while (running) {
 *     if (doWork() > 0) {
 *         idle.reset();
 *     } else {
 *         idle.idle();
 *     }
 * }
 * }</pre>
 *
 * <p><b>Threading.</b> An instance holds the position on its ladder, so it belongs to one thread;
 * give each waiting thread its own.
 */
public interface IdleStrategy {

    /** Waits one step: called after a round that found no work. */
    void idle();

    /** Starts the ladder again from the bottom: called after a round that found work. */
    void reset();
}
