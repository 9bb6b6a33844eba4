package io.hftbus.metrics;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.Priority;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.HealthEvent;
import io.hftbus.api.event.OrderEvent;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.stats.StatsCollector;
import io.hftbus.testing.SampleEvents;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A bus that has seen every kind of figure the meters export, and then stands still: every type
 * published, handler failures, a lagging stream, drops of a full lane. The meters of a bus at
 * rest must agree exactly with its statistics snapshot.
 */
final class Workload implements AutoCloseable {

    static final int PER_TYPE = 50;
    static final int HEALTH_FLOOD = 200;
    static final int LOW_LANE_CAPACITY = 16;

    final StatsCollector stats = new StatsCollector();
    final EventBus bus;
    final EventStream<HealthEvent> unread;

    private Workload(String name, boolean stamped) {
        bus = EventBus.builder().name(name)
                .laneCapacity(Priority.LOW, LOW_LANE_CAPACITY)
                .backpressure(Priority.LOW, BackpressurePolicy.DROP_NEWEST)
                .stampPublishTime(stamped)
                .observer(stats)
                .build();
        // Never read: once its four places are taken, it lags, and its drops are counted.
        unread = bus.stream("unread-health", HealthEvent.class, 4);
    }

    /** Runs the workload on a new bus and returns once the bus is at rest. */
    static Workload run(String name, boolean stamped) throws InterruptedException {
        Workload workload = new Workload(name, stamped);
        workload.publishAndSettle();
        return workload;
    }

    private void publishAndSettle() throws InterruptedException {
        bus.subscribeAll("all", envelope -> { });
        long[] orders = {0};
        bus.subscribe("every-third-order-fails", OrderEvent.class, envelope -> {
            if (++orders[0] % 3 == 0) {
                throw new IllegalStateException("expected by the test: order " + orders[0]);
            }
        });
        // Holds the dispatch thread of the LOW lane, so that a flood of health events fills the lane.
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        bus.subscribe("gate", HealthEvent.class, envelope -> {
            if (held.getCount() > 0) {
                held.countDown();
                awaitQuietly(release);
            }
        });
        bus.publish(SampleEvents.of(EventType.HEALTH, 0));
        if (!held.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the gate handler was not called within 10 s");
        }
        for (int i = 1; i <= HEALTH_FLOOD; i++) {
            bus.publish(SampleEvents.of(EventType.HEALTH, i));
        }
        release.countDown();
        for (EventType type : EventType.values()) {
            for (int i = 0; i < PER_TYPE; i++) {
                bus.publish(SampleEvents.of(type, i));
            }
        }
        awaitAtRest();
    }

    /** Waits until every accepted event is delivered or dropped, and the lanes are empty. */
    private void awaitAtRest() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!atRest(stats.snapshot())) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the bus did not come to rest within 10 s: " + stats.snapshot());
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }

    private boolean atRest(StatsSnapshot snapshot) {
        for (var lane : snapshot.lanes()) {
            if (lane.depth() != 0) {
                return false;
            }
        }
        for (var type : snapshot.types()) {
            long subscribers = bus.subscriptions().stream().filter(s -> s.types().contains(type.type())).count();
            long owed = (type.published() - type.droppedLaneFull() - type.droppedBusClosed()) * subscribers;
            if (type.received() + type.droppedStreamLagging() != owed) {
                return false;
            }
        }
        return true;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        bus.close();
    }
}
