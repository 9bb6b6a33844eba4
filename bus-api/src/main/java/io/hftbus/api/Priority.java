package io.hftbus.api;

/**
 * The lane an event travels in. Each priority has its own bounded lane; dispatch always serves the
 * highest non-empty lane first, so a {@link #CRITICAL} event never waits behind queued
 * lower-priority events.
 *
 * <p>Declared from highest to lowest: {@link #ordinal()} 0 is the most urgent.
 */
public enum Priority {
    /** Orders, fills, order updates, risk decisions, errors. */
    CRITICAL,
    /** Market data and order books. */
    HIGH,
    /** Aggregates, features, signals, predictions. */
    NORMAL,
    /** Metrics, performance, configuration, health. */
    LOW;

    private static final Priority[] VALUES = values();

    /** The number of priorities, and so of lanes. */
    public static int count() {
        return VALUES.length;
    }

    /** The priority whose ordinal is {@code ordinal}, without the copy {@link #values()} makes. */
    public static Priority ofOrdinal(int ordinal) {
        if (ordinal < 0 || ordinal >= VALUES.length) {
            throw new IllegalArgumentException(
                    "Priority ordinal must be within [0, " + (VALUES.length - 1) + "] but was " + ordinal);
        }
        return VALUES[ordinal];
    }
}
