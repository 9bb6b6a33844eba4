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
    /** Spins briefly, then {@link Thread#yield()}s. Low latency; an idle thread still uses CPU. */
    YIELDING,
    /**
     * Spins, then yields, then parks until a publisher wakes it. The default: near-spin latency under
     * load and no measurable CPU when idle.
     */
    BACKOFF,
    /** Parks as soon as the lanes are empty, until a publisher wakes it. Least CPU, most latency. */
    BLOCKING
}
