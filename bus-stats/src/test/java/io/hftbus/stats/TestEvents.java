package io.hftbus.stats;

import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.HealthEvent;
import io.hftbus.api.event.HealthStatus;
import io.hftbus.api.event.MarketDataEvent;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Events and helpers shared by the tests. */
final class TestEvents {

    private TestEvents() {
    }

    static MarketDataEvent tick(long i) {
        return new MarketDataEvent(i, "ES", 6000.0, 1.0, 5999.5, 5.0, 6000.5, 5.0);
    }

    static HealthEvent health(long i) {
        return new HealthEvent(i, "feed", HealthStatus.HEALTHY, "ok");
    }

    static <E extends Event> Envelope<E> envelope(long sequence, long publishNanos, E event) {
        return new Envelope<>(sequence, publishNanos, Priority.NORMAL, event);
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
