package io.hftbus.stats;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for what another thread does, with a deadline: never a bare sleep. */
final class Await {

    private Await() {
    }

    /** Polls {@code condition} until it holds or {@code seconds} pass; returns whether it held. */
    static boolean awaitTrue(BooleanSupplier condition, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(200_000L);
        }
        return true;
    }
}
