package io.hftbus.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.EventBus;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SubscriptionChurnTest {

    @Test
    void subscribingAndUnsubscribingWhilePublishingNeverDuplicatesReordersOrDeliversMoreThanOneLateCall() {
        List<String> violations = new CopyOnWriteArrayList<>();
        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicInteger churned = new AtomicInteger();
        try (EventBus bus = EventBus.builder().backpressure(BackpressurePolicy.BLOCK).build()) {
            AtomicInteger steady = new AtomicInteger();
            bus.subscribe(MarketDataEvent.class, e -> steady.incrementAndGet());
            Thread publisher = new Thread(() -> {
                for (int i = 0; i < 200_000 && publishing.get(); i++) {
                    bus.publish(SampleEvents.tick(i));
                }
                publishing.set(false);
            });
            publisher.start();
            Thread churner = new Thread(() -> {
                while (publishing.get()) {
                    AtomicBoolean unsubscribed = new AtomicBoolean();
                    AtomicInteger lateCalls = new AtomicInteger();
                    long[] last = {-1};
                    Subscription subscription = bus.subscribe(MarketDataEvent.class, e -> {
                        // The contract allows one call that the dispatch thread had already begun.
                        if (unsubscribed.get() && lateCalls.incrementAndGet() > 1) {
                            violations.add("second delivery after unsubscribe returned: " + e.sequence());
                        }
                        if (e.sequence() <= last[0]) {
                            violations.add("sequence " + e.sequence() + " after " + last[0]);
                        }
                        last[0] = e.sequence();
                    });
                    Thread.yield();
                    subscription.unsubscribe();
                    unsubscribed.set(true);
                    churned.incrementAndGet();
                }
            });
            churner.start();
            Await.join(publisher, churner);
            Await.until("the steady subscriber to get all", () -> steady.get() == 200_000);
        }
        assertThat(violations).isEmpty();
        assertThat(churned.get()).isPositive();
    }

    @Test
    void aHandlerMayUnsubscribeItselfAndOthers() {
        try (EventBus bus = EventBus.create()) {
            List<Long> seen = new ArrayList<>();
            Subscription[] self = new Subscription[1];
            self[0] = bus.subscribe(MarketDataEvent.class, e -> {
                seen.add(e.sequence());
                self[0].unsubscribe();
            });
            AtomicInteger other = new AtomicInteger();
            bus.subscribe(MarketDataEvent.class, e -> other.incrementAndGet());
            for (int i = 0; i < 10; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            Await.until("the other handler to see all", () -> other.get() == 10);
            assertThat(seen).hasSize(1);
        }
    }
}
