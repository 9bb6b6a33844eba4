package io.hftbus.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.DispatchMode;
import io.hftbus.api.EventBus;
import io.hftbus.api.Priority;
import io.hftbus.api.WaitStrategy;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.OrderEvent;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ThreadingContractTest {

    @Test
    void inSingleThreadModeEveryHandlerRunsOnTheOneDispatchThreadAndNeverConcurrently() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        try (EventBus bus = EventBus.builder().name("single").backpressure(BackpressurePolicy.BLOCK).build()) {
            for (int h = 0; h < 3; h++) {
                bus.subscribeAll(e -> {
                    if (inFlight.incrementAndGet() != 1) {
                        overlaps.incrementAndGet();
                    }
                    threads.add(Thread.currentThread().getName());
                    calls.incrementAndGet();
                    inFlight.decrementAndGet();
                });
            }
            Thread[] publishers = new Thread[3];
            for (int p = 0; p < publishers.length; p++) {
                publishers[p] = new Thread(() -> {
                    for (int i = 0; i < 3_000; i++) {
                        bus.publish(SampleEvents.of(EventType.ofOrdinal(i % EventType.count()), i));
                    }
                });
                publishers[p].start();
            }
            Await.join(publishers);
            Await.until("every call", () -> calls.get() == 3 * 3 * 3_000);
        }
        assertThat(threads).containsExactly("hftbus-single-dispatch");
        assertThat(overlaps.get()).isZero();
    }

    @Test
    void inThreadPerLaneModeASlowMarketDataHandlerDoesNotDelayAnOrder() {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch orderSeen = new CountDownLatch(1);
        Set<String> orderThreads = ConcurrentHashMap.newKeySet();
        try (EventBus bus = EventBus.builder().name("lanes").dispatchMode(DispatchMode.THREAD_PER_LANE).build()) {
            bus.subscribe(MarketDataEvent.class, e -> {
                holding.countDown();
                Await.latch("release", release);
            });
            bus.subscribe(OrderEvent.class, e -> {
                orderThreads.add(Thread.currentThread().getName());
                orderSeen.countDown();
            });
            bus.publish(SampleEvents.tick(1));
            Await.latch("the market-data handler to hold its lane", holding);
            bus.publish(SampleEvents.of(EventType.ORDER, 1));
            Await.latch("the order, while market data is still held", orderSeen);
            release.countDown();
        }
        assertThat(orderThreads).containsExactly("hftbus-lanes-critical");
    }

    @Test
    void inThreadPerLaneModeAnAllTypesHandlerIsCalledFromEachLanesThread() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        try (EventBus bus = EventBus.builder().name("fan").dispatchMode(DispatchMode.THREAD_PER_LANE).build()) {
            bus.subscribeAll(e -> {
                threads.add(Thread.currentThread().getName() + "/" + e.priority());
                calls.incrementAndGet();
            });
            for (EventType type : EventType.values()) {
                bus.publish(SampleEvents.of(type, 1));
            }
            Await.until("all types", () -> calls.get() == EventType.count());
        }
        assertThat(threads).containsExactlyInAnyOrder("hftbus-fan-critical/CRITICAL", "hftbus-fan-high/HIGH",
                "hftbus-fan-normal/NORMAL", "hftbus-fan-low/LOW");
    }

    @ParameterizedTest
    @EnumSource(WaitStrategy.class)
    void everyWaitStrategyDeliversAndWakesFromIdle(WaitStrategy strategy) {
        AtomicInteger calls = new AtomicInteger();
        String name = "wait-" + strategy.name().toLowerCase();
        try (EventBus bus = EventBus.builder().name(name).waitStrategy(strategy).build()) {
            bus.subscribe(OrderEvent.class, e -> calls.incrementAndGet());
            for (int round = 1; round <= 3; round++) {
                bus.publish(SampleEvents.of(EventType.ORDER, round));
                int expected = round;
                Await.until("round " + round, () -> calls.get() == expected);
                if (strategy == WaitStrategy.BACKOFF || strategy == WaitStrategy.BLOCKING) {
                    Thread dispatch = LifecycleTest.dispatchThreads(name).get(0);
                    Await.until("the idle dispatch thread to park",
                            () -> dispatch.getState() == Thread.State.TIMED_WAITING);
                }
            }
        }
    }

    @Test
    void aReplacedThreadFactoryMakesTheDispatchThreads() {
        AtomicInteger made = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (EventBus bus = EventBus.builder().dispatchMode(DispatchMode.THREAD_PER_LANE).threadFactory(r -> {
            Thread thread = new Thread(r, "pinned-" + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }).build()) {
            bus.subscribe(OrderEvent.class, e -> {
                threads.add(Thread.currentThread().getName());
                calls.incrementAndGet();
            });
            bus.publish(SampleEvents.of(EventType.ORDER, 1));
            Await.until("the order", () -> calls.get() == 1);
        }
        assertThat(made.get()).isEqualTo(4);
        assertThat(threads).singleElement().asString().startsWith("pinned-");
    }

    @Test
    void lanesReportCapacityDepthAndHighWaterMark() {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (EventBus bus = EventBus.builder().laneCapacity(Priority.LOW, 1000).build()) {
            assertThat(bus.laneCapacity(Priority.LOW)).as("rounded up to a power of two").isEqualTo(1024);
            assertThat(bus.laneCapacity(Priority.HIGH)).isEqualTo(16_384);
            bus.subscribeAll(e -> {
                holding.countDown();
                Await.latch("release", release);
            });
            bus.publish(SampleEvents.of(EventType.HEALTH, 0));
            Await.latch("the dispatch thread to be held", holding);
            for (int i = 0; i < 100; i++) {
                bus.publish(SampleEvents.of(EventType.HEALTH, i));
            }
            assertThat(bus.laneDepth(Priority.LOW)).isEqualTo(100);
            release.countDown();
            Await.until("the lane to drain", () -> bus.laneDepth(Priority.LOW) == 0);
            // The backlog built while the handler held the thread, so it is sampled during the burst
            // that drains it: every 16 envelopes taken, so low by less than that, never high.
            assertThat(bus.laneHighWaterMark(Priority.LOW)).isBetween(100 - 16, 100);
        }
    }
}
