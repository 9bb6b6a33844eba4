package io.hftbus.api;

/**
 * How an idle dispatch thread waits for the next event. Chosen per bus.
 *
 * <p>Latency and CPU trade against each other: {@link #BUSY_SPIN} answers fastest and burns a core
 * even when idle; {@link #BLOCKING} burns nothing and pays a thread wake-up per burst.
 */
public enum WaitStrategy {
    /** Spins with {@link Thread#onSpinWait()}. Lowest latency; needs a core per dispatch thread. */
    BUSY_SPIN,
    /**
     * Spins briefly, then {@link Thread#yield()}s. Low latency; an idle thread still uses CPU.
     *
     * <p>When the lanes run dry right after a delivery, the thread first holds off for a few spins
     * (well under a microsecond) before it looks again, so that a publisher running just behind it
     * can fill several slots without a cache miss on each; an event published in that window waits
     * for its end. This roughly doubles the throughput of a publisher that the dispatch thread keeps
     * catching up with; at a steady rate near one event per microsecond it can instead hold the
     * median latency near one microsecond. {@link #BUSY_SPIN} never holds off.
     */
    YIELDING,
    /**
     * Spins, then yields, then parks until a publisher wakes it. The default: near-spin latency under
     * load and no measurable CPU when idle. Holds off after a burst as {@link #YIELDING} does.
     */
    BACKOFF,
    /** Parks as soon as the lanes are empty, until a publisher wakes it. Least CPU, most latency. */
    BLOCKING
}
