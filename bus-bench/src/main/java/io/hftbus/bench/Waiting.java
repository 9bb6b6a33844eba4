package io.hftbus.bench;

/**
 * The wait-strategy family a run uses, mapped onto each contender's own strategies (see
 * {@link Contender}). Busy-spinning is left out on purpose: with two cores, a spinning consumer
 * and a spinning publisher leave nothing for anyone else, and the figures measure the scheduler.
 */
public enum Waiting {
    /** Spin briefly, then {@link Thread#yield()}. */
    YIELDING,
    /** Spin, yield, then park until the publisher wakes the consumer. */
    BACKOFF
}
