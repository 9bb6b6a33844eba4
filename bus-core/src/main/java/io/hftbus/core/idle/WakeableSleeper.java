package io.hftbus.core.idle;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Parks one consumer thread until a producer wakes it, with no lost wake-up and no cost to a
 * producer while the consumer is awake.
 *
 * <p><b>The handshake.</b> Before it parks, the consumer announces it in {@link #sleeping} (a
 * volatile write) and then asks {@code hasWork} once more; a producer makes its item visible and
 * then calls {@link #wake()}, which reads {@link #sleeping} (a volatile read). For the handshake to
 * hold, {@code hasWork} must read what the producer wrote with at least acquire semantics, and the
 * producer's write must be followed by {@code wake()} in a way that orders the write before the
 * read: a CAS or volatile write of the item (as a queue offer does) followed by the volatile read
 * of the flag. Then both sides' accesses are sequentially consistent and at least one sees the
 * other: either the consumer finds the item and does not park, or the producer sees the flag and
 * unparks it. The timed park is only a safety net.
 *
 * <p><b>Interrupts.</b> The consumer's interrupt status is cleared before it parks: a consumer
 * whose status was left set would otherwise return from every park at once, forever. Use it only
 * for threads whose interrupt status is nobody else's to keep (dispatch threads, benchmark
 * consumers).
 *
 * <p><b>Threading.</b> {@link #sleep()} is called by the one consumer thread; {@link #wake()} by
 * any number of producers.
 */
public final class WakeableSleeper implements Sleeper {

    private final BooleanSupplier hasWork;
    private final long safetyParkNanos;
    /** The consumer; set by its first sleep, read by producers only after they saw {@link #sleeping}. */
    private volatile Thread sleeper;
    /** True while the consumer is parked or about to park. */
    private volatile boolean sleeping;

    /**
     * @param hasWork         the consumer's last look for work before it parks; also true when the
     *                        consumer must not park for another reason (it is being stopped)
     * @param safetyParkNanos the longest park without a wake-up, {@code > 0}
     */
    public WakeableSleeper(BooleanSupplier hasWork, long safetyParkNanos) {
        if (hasWork == null) {
            throw new NullPointerException("hasWork must not be null");
        }
        if (safetyParkNanos <= 0) {
            throw new IllegalArgumentException("safetyParkNanos must be > 0 but was " + safetyParkNanos);
        }
        this.hasWork = hasWork;
        this.safetyParkNanos = safetyParkNanos;
    }

    @Override
    public void sleep() {
        if (announceSleep()) {
            Thread.interrupted();
            LockSupport.parkNanos(this, safetyParkNanos);
        }
        sleeping = false;
    }

    /**
     * The consumer's half of the handshake: announces the sleep, then looks for work once more.
     *
     * @return whether the consumer may park: nothing arrived
     */
    public boolean announceSleep() {
        sleeper = Thread.currentThread();
        // Volatile write, then the volatile (or acquire) reads inside hasWork: see the class comment.
        sleeping = true;
        return !hasWork.getAsBoolean();
    }

    /**
     * Whether the consumer has announced a sleep and not yet woken from it: a volatile read.
     *
     * @return true from the consumer's announcement until it returns from its park
     */
    public boolean isSleeping() {
        return sleeping;
    }

    /**
     * The producer's half: called after the producer's item is visible; costs one volatile read
     * while the consumer is awake.
     *
     * @return whether the consumer had announced a sleep and was unparked
     */
    public boolean wake() {
        if (sleeping) {
            LockSupport.unpark(sleeper);
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "WakeableSleeper[safety " + safetyParkNanos + " ns]";
    }
}
