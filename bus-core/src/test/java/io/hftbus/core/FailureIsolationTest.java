package io.hftbus.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.BusObserver;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.testing.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FailureIsolationTest {

    @Test
    void aThrowingHandlerIsIsolatedAndReportedWhileOthersGetEveryEvent() {
        CountingObserver observer = new CountingObserver();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<String> failedSubscriptions = new CopyOnWriteArrayList<>();
        BusObserver failureWatcher = new BusObserver() {
            @Override
            public void onHandlerFailed(Envelope<?> envelope, Subscription subscription, Throwable failure) {
                failures.add(failure);
                failedSubscriptions.add(subscription.name());
            }
        };
        try (EventBus bus = EventBus.builder().observer(observer).observer(failureWatcher).build()) {
            AtomicInteger before = new AtomicInteger();
            AtomicInteger after = new AtomicInteger();
            bus.subscribe(MarketDataEvent.class, e -> before.incrementAndGet());
            Subscription broken = bus.subscribe("broken", MarketDataEvent.class, e -> {
                if (e.event().timestamp() % 2 == 0) {
                    throw new IllegalStateException("bad tick " + e.event().timestamp());
                }
                throw new AssertionError("an Error is isolated too");
            });
            bus.subscribe(MarketDataEvent.class, e -> after.incrementAndGet());

            for (int i = 0; i < 100; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            Await.until("the healthy handlers to get all 100", () -> before.get() == 100 && after.get() == 100);
            Await.until("every failure reported", () -> failures.size() == 100);
            assertThat(observer.handlerFailures.get()).isEqualTo(100);
            assertThat(observer.delivered(broken)).as("a failed call still counts as delivered").isEqualTo(100);
            assertThat(failures).hasAtLeastOneElementOfType(IllegalStateException.class)
                    .hasAtLeastOneElementOfType(AssertionError.class);
            assertThat(failedSubscriptions).containsOnly("broken");

            bus.publish(SampleEvents.tick(1000));
            Await.until("the dispatch thread to go on", () -> before.get() == 101);
        }
    }

    @Test
    void aThrowingObserverDisturbsNeitherTheBusNorOtherObservers() {
        CountingObserver observer = new CountingObserver();
        BusObserver throwing = new BusObserver() {
            @Override
            public void onPublished(Envelope<?> envelope) {
                throw new IllegalStateException("observer bug");
            }

            @Override
            public void onDelivered(Envelope<?> envelope, Subscription subscription, long deliveredNanos) {
                throw new OutOfMemoryError("pretend");
            }
        };
        try (EventBus bus = EventBus.builder().observer(throwing).observer(observer).build()) {
            List<Long> received = new ArrayList<>();
            AtomicInteger count = new AtomicInteger();
            bus.subscribe(MarketDataEvent.class, e -> {
                received.add(e.sequence());
                count.incrementAndGet();
            });
            for (int i = 0; i < 50; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            Await.until("all 50 delivered", () -> count.get() == 50);
            assertThat(observer.published.get()).isEqualTo(50);
            Await.until("the counting observer to see all deliveries",
                    () -> observer.delivered.values().stream().mapToLong(AtomicInteger -> AtomicInteger.get()).sum() == 50);
        }
    }

    @Test
    void aHandlerThatInterruptsTheDispatchThreadDoesNotMakeItSpin() {
        try (EventBus bus = EventBus.create()) {
            AtomicInteger count = new AtomicInteger();
            bus.subscribe(MarketDataEvent.class, e -> {
                count.incrementAndGet();
                Thread.currentThread().interrupt();
            });
            bus.publish(SampleEvents.tick(1));
            Await.until("the first event", () -> count.get() == 1);
            Thread dispatch = LifecycleTest.dispatchThreads("hftbus").stream().findFirst().orElseThrow();
            Await.until("the dispatch thread to park despite the interrupt",
                    () -> dispatch.getState() == Thread.State.TIMED_WAITING);
            bus.publish(SampleEvents.tick(2));
            Await.until("the second event", () -> count.get() == 2);
        }
    }
}
