package io.hftbus.core.internal;

/**
 * The part of the close protocol a dispatch thread takes part in: given to each {@link Dispatcher}
 * in its constructor, so that the dispatcher knows nothing else of the bus.
 *
 * <p>Once the bus is closing, its lanes are sealed and only the dispatch threads' own publishes
 * (handlers publishing derived events) can still add envelopes. The dispatch threads end together,
 * when none of them is delivering and every lane is empty: a dispatch thread that finds its lanes
 * empty {@linkplain #markIdle() marks itself idle} and {@linkplain #tryTerminate() asks} whether all
 * are; one that finds work again {@linkplain #markBusy() marks itself busy} before it takes any.
 */
interface CloseBarrier {

    /** Whether the bus has begun to close (its lanes are sealed). A volatile read. */
    boolean isClosing();

    /** This dispatch thread found its lanes empty while closing; called once per idle spell. */
    void markIdle();

    /**
     * This dispatch thread found work again after {@link #markIdle()}; called before it takes any.
     *
     * @return false if the bus has terminated meanwhile (it then has nothing to take: leave)
     */
    boolean markBusy();

    /**
     * Whether the bus has terminated: every dispatch thread idle and every lane empty, decided
     * once by whichever idle thread sees it first. Called by an idle dispatch thread.
     */
    boolean tryTerminate();

    /** A dispatch thread caught something its loop should never see; it goes on draining. */
    void dispatchFailed(Throwable unexpected);

    /** A dispatch thread is leaving its loop; the last one to leave completes the close. */
    void dispatcherExited();
}
