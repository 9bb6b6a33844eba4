package io.hftbus.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A {@code long} alone on its cache line, with the access modes the bus needs.
 *
 * <p>The padding (seven longs on each side, laid out through the class hierarchy because the JVM
 * groups a class's own fields by type) keeps a counter that one thread writes on every event from
 * sharing a line with fields other threads read on every event.
 */
@SuppressWarnings("unused")
abstract class PaddedCounterLhs {
    long p01, p02, p03, p04, p05, p06, p07;
}

/** The value, between the paddings. */
abstract class PaddedCounterValue extends PaddedCounterLhs {
    volatile long value;
}

/** The counter. */
@SuppressWarnings("unused")
final class PaddedCounter extends PaddedCounterValue {

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedCounterValue.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    long p11, p12, p13, p14, p15, p16, p17;

    PaddedCounter(long initial) {
        VALUE.setRelease(this, initial);
    }

    /** Volatile read. */
    long get() {
        return value;
    }

    /** Plain read: for the single writer reading its own counter. */
    long getPlain() {
        return (long) VALUE.get(this);
    }

    /** Acquire read: sees everything the writer did before its release store. */
    long getAcquire() {
        return (long) VALUE.getAcquire(this);
    }

    /**
     * Release store, for a counter with a single writer: no StoreLoad fence on the writer's hot
     * path (a plain store on x86), and a reader's acquire read of the new value sees everything the
     * writer did before it.
     */
    void setRelease(long newValue) {
        VALUE.setRelease(this, newValue);
    }

    /** Atomic increment with full (volatile) semantics; returns the value before. */
    long getAndIncrement() {
        return (long) VALUE.getAndAdd(this, 1L);
    }

    /** Atomic add with full (volatile) semantics; returns the value before. */
    long getAndAdd(long delta) {
        return (long) VALUE.getAndAdd(this, delta);
    }

    /** Atomic compare-and-set with full (volatile) semantics. */
    boolean compareAndSet(long expected, long newValue) {
        return VALUE.compareAndSet(this, expected, newValue);
    }
}
