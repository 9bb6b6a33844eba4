package io.hftbus.bench;

/**
 * The wait-strategy family a run uses, mapped onto each contender's own strategies (see
 * {@link Contender}). Throughput is measured in the yielding family only: with two cores, a
 * spinning consumer and a spinning publisher leave nothing for anyone else. The latency harness also
 * runs the busy-spinning family, where the publisher spins to keep its schedule anyway.
 */
public enum Waiting {
    /** Spin, never yield: hftbus {@code BUSY_SPIN}, Disruptor {@code BusySpinWaitStrategy}. */
    BUSY_SPIN,
    /** Spin briefly, then {@link Thread#yield()}. */
    YIELDING,
    /** Spin, yield, then park until the publisher wakes the consumer. */
    BACKOFF
}
