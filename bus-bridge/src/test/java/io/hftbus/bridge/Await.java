package io.hftbus.bridge;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting in tests: always with a deadline, failing with what was awaited. */
final class Await {

    static final Duration DEADLINE = Duration.ofSeconds(20);

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + DEADLINE + " waiting for " + what);
            }
            // Parked, not spinning: on two cores a spinning test thread takes the bridge's core.
            LockSupport.parkNanos(200_000);
        }
    }

    static void latch(String what, CountDownLatch latch) {
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

    static void join(Thread... threads) {
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
