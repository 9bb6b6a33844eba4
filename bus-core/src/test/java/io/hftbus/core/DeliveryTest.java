package io.hftbus.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.Priority;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.OrderEvent;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeliveryTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeRoundTripsToHandlersAndStreamsInItsDefaultLane(EventType type) throws Exception {
        try (EventBus bus = EventBus.builder().name("round-trip").build()) {
            List<Envelope<Event>> received = new CopyOnWriteArrayList<>();
            @SuppressWarnings("unchecked")
            Class<Event> eventClass = (Class<Event>) type.eventClass();
            bus.subscribe(eventClass, received::add);
            EventStream<Event> stream = bus.stream(eventClass, 8);
            Event event = SampleEvents.of(type, 1);

            long sequence = bus.publish(event);

            Envelope<Event> pulled = stream.poll(Await.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            Await.until("the handler to receive the " + type, () -> received.size() == 1);
            assertThat(pulled).isSameAs(received.get(0));
            assertThat(pulled.event()).isSameAs(event);
            assertThat(pulled.sequence()).isEqualTo(sequence);
            assertThat(pulled.priority()).isEqualTo(type.defaultPriority());
            assertThat(pulled.type()).isEqualTo(type);
        }
    }

    @Test
    void anExplicitPriorityOverridesTheTypeDefault() throws Exception {
        try (EventBus bus = EventBus.create()) {
            EventStream<MarketDataEvent> stream = bus.stream(MarketDataEvent.class, 8);
            bus.publish(SampleEvents.tick(1), Priority.CRITICAL);
            assertThat(stream.poll(Await.DEADLINE.toMillis(), TimeUnit.MILLISECONDS).priority())
                    .isEqualTo(Priority.CRITICAL);
        }
    }

    @Test
    void everySubscriberSeesEveryEventExactlyOnce() throws Exception {
        int events = 20_000;
        try (EventBus bus = EventBus.builder().backpressure(BackpressurePolicy.BLOCK).build()) {
            List<Set<Long>> seen = new ArrayList<>();
            List<AtomicInteger> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Set<Long> sequences = ConcurrentHashMap.newKeySet();
                AtomicInteger count = new AtomicInteger();
                seen.add(sequences);
                calls.add(count);
                bus.subscribe(MarketDataEvent.class, e -> {
                    sequences.add(e.sequence());
                    count.incrementAndGet();
                });
            }
            Set<Long> allTypes = ConcurrentHashMap.newKeySet();
            AtomicInteger allTypesCalls = new AtomicInteger();
            bus.subscribeAll(e -> {
                allTypes.add(e.sequence());
                allTypesCalls.incrementAndGet();
            });
            EventStream<MarketDataEvent> stream = bus.stream(MarketDataEvent.class, events);
            Set<Long> streamed = ConcurrentHashMap.newKeySet();

            for (int i = 0; i < events; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            for (int i = 0; i < events; i++) {
                streamed.add(stream.take().sequence());
            }
            Await.until("all handlers to see every event", () -> allTypesCalls.get() == events
                    && calls.stream().allMatch(c -> c.get() == events));
            for (int i = 0; i < 3; i++) {
                assertThat(seen.get(i)).hasSize(events);
                assertThat(calls.get(i).get()).isEqualTo(events);
            }
            assertThat(allTypes).hasSize(events);
            assertThat(streamed).hasSize(events);
            assertThat(stream.poll()).isNull();
        }
    }

    @Test
    void eachPublishersEventsArriveInOrderAtEverySubscriberUnderFourConcurrentPublishers() {
        int publishers = 4;
        int perPublisher = 25_000;
        try (EventBus bus = EventBus.builder().backpressure(BackpressurePolicy.BLOCK).laneCapacity(1024).build()) {
            List<OrderChecker> checkers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                OrderChecker checker = new OrderChecker(publishers);
                checkers.add(checker);
                bus.subscribe(MarketDataEvent.class, checker::accept);
            }
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                int publisher = p;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < perPublisher; i++) {
                        bus.publish(new MarketDataEvent(i, "P" + publisher, 1.0 + i, 1, 0, 0, 0, 0));
                    }
                }, "publisher-" + p));
            }
            threads.forEach(Thread::start);
            Await.join(threads.toArray(new Thread[0]));
            Await.until("every subscriber to receive every event",
                    () -> checkers.stream().allMatch(c -> c.received.get() == publishers * perPublisher));
            for (OrderChecker checker : checkers) {
                assertThat(checker.violations).isEmpty();
            }
        }
    }

    /** Checks that each publisher's timestamps arrive as 0, 1, 2, ... */
    private static final class OrderChecker {
        final long[] next;
        final AtomicInteger received = new AtomicInteger();
        final List<String> violations = new CopyOnWriteArrayList<>();

        OrderChecker(int publishers) {
            next = new long[publishers];
        }

        void accept(Envelope<MarketDataEvent> envelope) {
            MarketDataEvent event = envelope.event();
            int publisher = event.symbol().charAt(1) - '0';
            if (event.timestamp() != next[publisher]) {
                violations.add(event.symbol() + " expected " + next[publisher] + " got " + event.timestamp());
            }
            next[publisher] = event.timestamp() + 1;
            received.incrementAndGet();
        }
    }

    @Test
    void aCriticalEventOvertakesQueuedLowPriorityEvents() {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<EventType> order = new CopyOnWriteArrayList<>();
        try (EventBus bus = EventBus.builder().name("overtake").build()) {
            bus.subscribeAll(e -> {
                if (order.isEmpty()) {
                    holding.countDown();
                    Await.latch("the test to release the handler", release);
                }
                order.add(e.type());
            });
            bus.publish(SampleEvents.of(EventType.HEALTH, 0));
            Await.latch("the handler to hold the dispatch thread", holding);
            for (int i = 1; i <= 50; i++) {
                bus.publish(SampleEvents.of(EventType.METRICS, i));
            }
            bus.publish(SampleEvents.of(EventType.ORDER, 99));
            release.countDown();
            Await.until("all 52 events", () -> order.size() == 52);
        }
        assertThat(order.get(0)).isEqualTo(EventType.HEALTH);
        assertThat(order.get(1)).as("the order overtakes the 50 queued metrics").isEqualTo(EventType.ORDER);
        assertThat(order.subList(2, 52)).containsOnly(EventType.METRICS);
    }

    @Test
    void aSlowPullStreamDropsForItselfAndDoesNotSlowPushHandlers() {
        int events = 10_000;
        CountingObserver observer = new CountingObserver();
        try (EventBus bus = EventBus.builder().backpressure(BackpressurePolicy.BLOCK).laneCapacity(256)
                .observer(observer).build()) {
            EventStream<MarketDataEvent> neverRead = bus.stream(MarketDataEvent.class, 16);
            AtomicInteger pushed = new AtomicInteger();
            Subscription handler = bus.subscribe(MarketDataEvent.class, e -> pushed.incrementAndGet());
            for (int i = 0; i < events; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            Await.until("the push handler to get every event", () -> pushed.get() == events);
            assertThat(neverRead.size()).isEqualTo(16);
            assertThat(neverRead.lagged()).isEqualTo(events - 16);
            assertThat(observer.dropped(neverRead)).isEqualTo(events - 16);
            assertThat(observer.delivered(neverRead)).isEqualTo(16);
            assertThat(observer.delivered(handler)).isEqualTo(events);
            assertThat(observer.droppedWithoutSubscriber(io.hftbus.api.DropReason.LANE_FULL)).isZero();
        }
    }

    @Test
    void aSubscriptionDoesNotReceiveEventsQueuedBeforeItSubscribed() {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (EventBus bus = EventBus.builder().backpressure(BackpressurePolicy.BLOCK).build()) {
            bus.subscribe(OrderEvent.class, e -> {
                holding.countDown();
                Await.latch("release", release);
            });
            bus.publish(SampleEvents.of(EventType.ORDER, 1));
            Await.latch("the dispatch thread to be held", holding);
            for (int i = 0; i < 10; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            Map<Long, Boolean> late = new ConcurrentHashMap<>();
            bus.subscribe(MarketDataEvent.class, e -> late.put(e.sequence(), true));
            long after = bus.publish(SampleEvents.tick(100));
            release.countDown();
            Await.until("the event published after subscribing", () -> late.containsKey(after));
            assertThat(late).containsOnlyKeys(after);
        }
    }
}
