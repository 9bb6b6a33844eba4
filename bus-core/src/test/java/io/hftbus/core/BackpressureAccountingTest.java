package io.hftbus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.BackpressureException;
import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.DropReason;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.Priority;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class BackpressureAccountingTest {

    private static final int PUBLISHERS = 3;
    private static final int PER_PUBLISHER = 20_000;

    @ParameterizedTest
    @EnumSource(BackpressurePolicy.class)
    void everySubscriberAccountsForEveryPublishedEventUnderConcurrentPublishers(BackpressurePolicy policy) {
        CountingObserver observer = new CountingObserver();
        AtomicLong accepted = new AtomicLong();
        AtomicLong notAccepted = new AtomicLong();
        AtomicLong refusedWithException = new AtomicLong();
        List<Subscription> subscriptions = new ArrayList<>();
        EventBus bus = EventBus.builder().name("accounting-" + policy).laneCapacity(64).backpressure(policy)
                .blockTimeout(Duration.ofMillis(1)).observer(observer).build();
        AtomicLong slowHandlerCalls = new AtomicLong();
        subscriptions.add(bus.subscribe(MarketDataEvent.class, e -> {
            // Slow enough that the small lane fills up and every policy has to act.
            if (slowHandlerCalls.incrementAndGet() % 64 == 0) {
                Thread.yield();
            }
        }));
        subscriptions.add(bus.subscribeAll(e -> { }));
        EventStream<MarketDataEvent> lagging = bus.stream(MarketDataEvent.class, 32);
        subscriptions.add(lagging);

        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < PER_PUBLISHER; i++) {
                    try {
                        if (bus.publish(SampleEvents.tick(i)) == EventBus.NOT_ACCEPTED) {
                            notAccepted.incrementAndGet();
                        } else {
                            accepted.incrementAndGet();
                        }
                    } catch (BackpressureException e) {
                        assertThat(e.lane()).isEqualTo(Priority.HIGH);
                        assertThat(e.eventType()).isEqualTo(EventType.MARKET_DATA);
                        refusedWithException.incrementAndGet();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        Await.join(threads.toArray(new Thread[0]));
        assertThat(bus.close(Await.DEADLINE)).isTrue();

        long published = PUBLISHERS * (long) PER_PUBLISHER;
        long laneFull = observer.droppedWithoutSubscriber(DropReason.LANE_FULL);
        assertThat(observer.published.get()).isEqualTo(published);
        assertThat(accepted.get() + notAccepted.get() + refusedWithException.get()).isEqualTo(published);
        assertThat(laneFull).isEqualTo(notAccepted.get() + refusedWithException.get());
        assertThat(observer.droppedWithoutSubscriber(DropReason.BUS_CLOSED)).isZero();
        for (Subscription subscription : subscriptions) {
            assertThat(observer.delivered(subscription) + observer.dropped(subscription) + laneFull)
                    .as("published = delivered + dropped for %s", subscription)
                    .isEqualTo(published);
        }
        assertThat(lagging.lagged()).isEqualTo(observer.dropped(lagging));
        switch (policy) {
            case BLOCK:
                assertThat(notAccepted.get()).isZero();
                break;
            case DROP_NEWEST:
                assertThat(refusedWithException.get()).isZero();
                assertThat(notAccepted.get()).as("a 64-slot lane under three publishers must overflow").isPositive();
                break;
            case FAIL_FAST:
                assertThat(notAccepted.get()).isZero();
                assertThat(refusedWithException.get()).as("a 64-slot lane under three publishers must overflow").isPositive();
                break;
            default:
                throw new AssertionError(policy);
        }
    }

    @Test
    void failFastAndBlockTimeoutSayWhichBusLaneAndTypeRefused() {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (EventBus bus = EventBus.builder().name("tight").laneCapacity(2)
                .backpressure(Priority.CRITICAL, BackpressurePolicy.FAIL_FAST)
                .backpressure(Priority.NORMAL, BackpressurePolicy.BLOCK)
                .blockTimeout(Duration.ofMillis(20)).build()) {
            bus.subscribeAll(e -> {
                holding.countDown();
                Await.latch("release", release);
            });
            bus.publish(SampleEvents.of(EventType.HEALTH, 0));
            Await.latch("the dispatch thread to be held", holding);
            bus.publish(SampleEvents.of(EventType.ORDER, 1));
            bus.publish(SampleEvents.of(EventType.ORDER, 2));
            assertThatThrownBy(() -> bus.publish(SampleEvents.of(EventType.ORDER, 3)))
                    .isInstanceOf(BackpressureException.class)
                    .hasMessage("bus 'tight' lane CRITICAL (capacity 2) refused an ORDER event: lane full, policy FAIL_FAST")
                    .extracting(e -> ((BackpressureException) e).refusal()).isEqualTo(BackpressureException.Cause.LANE_FULL);
            bus.publish(SampleEvents.of(EventType.SIGNAL, 1));
            bus.publish(SampleEvents.of(EventType.SIGNAL, 2));
            assertThatThrownBy(() -> bus.publish(SampleEvents.of(EventType.SIGNAL, 3)))
                    .isInstanceOf(BackpressureException.class)
                    .hasMessage("bus 'tight' lane NORMAL (capacity 2) refused a SIGNAL event: lane stayed full for the block timeout");
            assertThat(bus.publish(SampleEvents.of(EventType.METRICS, 1))).isNotEqualTo(EventBus.NOT_ACCEPTED);
            assertThat(bus.publish(SampleEvents.of(EventType.METRICS, 2))).isNotEqualTo(EventBus.NOT_ACCEPTED);
            assertThat(bus.publish(SampleEvents.of(EventType.METRICS, 3))).isEqualTo(EventBus.NOT_ACCEPTED);
            release.countDown();
        }
    }

}
