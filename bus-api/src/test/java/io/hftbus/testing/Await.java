package io.hftbus.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting in tests, shared by every module's tests: always with a deadline ({@link #DEADLINE}),
 * failing with what was awaited, never with a bare sleep.
 */
public final class Await {

    /** How long any wait lasts at most. */
    public static final Duration DEADLINE = Duration.ofSeconds(20);

    /** Between two looks at a condition: parked, not spinning, so that on two cores a waiting test
     *  thread does not take the core of the threads it waits for. */
    private static final long PAUSE_NANOS = 100_000;

    private Await() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} after {@link #DEADLINE}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, condition, () -> "");
    }

    /** As {@link #until(String, BooleanSupplier)}, and a timeout's message ends with {@code state}'s figures. */
    public static void until(String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                String figures = state.get();
                throw new AssertionError("timed out after " + DEADLINE + " waiting for " + what
                        + (figures.isEmpty() ? "" : " (" + figures + ")"));
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    /** Returns once {@code latch} is down; fails naming {@code what} and the counts left after {@link #DEADLINE}. */
    public static void latch(String what, CountDownLatch latch) {
        try {
            if (!latch.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("timed out after " + DEADLINE + " waiting for " + what
                        + " (" + latch.getCount() + " counts left)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    /** Returns once every thread has ended; fails naming the first still running after {@link #DEADLINE}. */
    public static void join(Thread... threads) {
        for (Thread thread : threads) {
            try {
                thread.join(DEADLINE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted joining " + thread.getName(), e);
            }
            if (thread.isAlive()) {
                throw new AssertionError("thread " + thread.getName() + " still running after " + DEADLINE);
            }
        }
    }
}
