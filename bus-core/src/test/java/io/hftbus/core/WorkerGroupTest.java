package io.hftbus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.BusClosedException;
import io.hftbus.api.DispatchMode;
import io.hftbus.api.DropReason;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventBusBuilder;
import io.hftbus.api.GroupOptions;
import io.hftbus.api.GroupOverflow;
import io.hftbus.api.WorkerGroup;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.HealthEvent;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.stats.WorkerStats;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Worker groups: competing consumers behind one bounded queue, fed by the dispatch thread. */
class WorkerGroupTest {

    /** A bus whose lanes block rather than drop, so that every publish is accepted. */
    static EventBusBuilder lossless(String name) {
        return EventBus.builder().name(name).backpressure(BackpressurePolicy.BLOCK).laneCapacity(1024)
                .blockTimeout(Duration.ofSeconds(20)).shutdownTimeout(Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void eachEventReachesExactlyOneWorkerUnderFourConcurrentPublishers(DispatchMode mode) throws Exception {
        int publishers = 4;
        int perPublisher = 25_000;
        int total = publishers * perPublisher;
        AtomicIntegerArray seen = new AtomicIntegerArray(total);
        AtomicInteger handled = new AtomicInteger();
        try (EventBus bus = lossless("group-once-" + mode).dispatchMode(mode).build()) {
            // Small queue: the dispatch thread waits for room, so the workers compete on a full queue too.
            WorkerGroup group = bus.subscribeGroup("once", MarketDataEvent.class, 3, envelope -> {
                seen.incrementAndGet((int) envelope.event().timestamp());
                handled.incrementAndGet();
            }, GroupOptions.DEFAULTS.withQueueCapacity(64));
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                int first = p * perPublisher;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < perPublisher; i++) {
                        bus.publish(SampleEvents.tick(first + i));
                    }
                }, "publisher-" + p));
            }
            threads.forEach(Thread::start);
            Await.join(threads.toArray(new Thread[0]));
            Await.until("every event handled", () -> handled.get() == total);
            // A worker counts an event once its handler returned, just after the handler counted it here.
            Await.until("every event counted by its worker", () -> group.received() == total);
            assertThat(group.workers().stream().mapToLong(WorkerStats::received).sum()).isEqualTo(total);
        }
        List<Integer> notOnce = new ArrayList<>();
        for (int id = 0; id < total; id++) {
            if (seen.get(id) != 1) {
                notOnce.add(id);
            }
        }
        assertThat(notOnce).as("ids not handled exactly once").isEmpty();
        assertThat(handled).hasValue(total);
    }

    @Test
    void aSlowEventHoldsUpOnlyItsOwnWorker() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger others = new AtomicInteger();
        try (EventBus bus = lossless("group-slow").build()) {
            WorkerGroup group = bus.subscribeGroup("slow", MarketDataEvent.class, 2, envelope -> {
                if (envelope.event().timestamp() == 0) {
                    release.await();
                } else {
                    others.incrementAndGet();
                }
            });
            bus.publish(SampleEvents.tick(0));
            for (int i = 1; i <= 200; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            Await.until("the other worker to handle the rest while the slow one waits", () -> others.get() == 200);
            Await.until("their calls counted", () -> group.received() == 200);
            assertThat(group.workers()).as("the slow call has not completed: one worker did all 200")
                    .anyMatch(worker -> worker.received() == 200);
            release.countDown();
            Await.until("the slow call to complete", () -> group.received() == 201);
        }
    }

    @Test
    void busyTimeIsCurrentWhileALongRunIsUnderWay() {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (EventBus bus = lossless("group-busy").build()) {
            // One worker that never finds its queue empty until the last call: one run of 150 calls.
            WorkerGroup group = bus.subscribeGroup("busy", MarketDataEvent.class, 1, envelope -> {
                long tick = envelope.event().timestamp();
                if (tick == 0) {
                    start.await();
                } else if (tick == 100) {
                    release.await();
                }
            });
            for (int i = 0; i < 150; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            Await.until("the rest queued behind the first call", () -> group.backlog() == 149);
            start.countDown();
            long heldAt;
            try {
                Await.until("the worker to hold in call 101, the rest queued behind it", () -> group.received() == 100);
                heldAt = group.workers().get(0).busyNanos();
                assertThat(heldAt).as("the run's first calls are in the busy time before the run ends").isPositive();
            } finally {
                release.countDown();
            }
            Await.until("the run to end", () -> group.received() == 150);
            assertThat(group.workers().get(0).busyNanos()).as("the run's end adds the rest, the held call too")
                    .isGreaterThan(heldAt);
        }
    }

    @Test
    void aHandlerThatThrowsIsCountedForItsWorkerAndTheGroupGoesOn() {
        CountingObserver observer = new CountingObserver();
        AtomicInteger ok = new AtomicInteger();
        try (EventBus bus = lossless("group-throws").observer(observer).build()) {
            WorkerGroup group = bus.subscribeGroup("throws", MarketDataEvent.class, 2, envelope -> {
                if (envelope.event().timestamp() % 2 == 0) {
                    throw new IllegalStateException("expected: even tick " + envelope.event().timestamp());
                }
                ok.incrementAndGet();
            });
            for (int i = 0; i < 100; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            Await.until("every call completed", () -> group.received() == 100);
            assertThat(ok).hasValue(50);
            assertThat(group.handlerFailures()).isEqualTo(50);
            assertThat(group.workers().stream().mapToLong(WorkerStats::handlerFailures).sum()).isEqualTo(50);
            Await.until("the observers told of every failure", () -> observer.handlerFailures.get() == 50);
            assertThat(observer.delivered(group)).as("the group received every event once").isEqualTo(100);
        }
    }

    @Test
    void aHandlerThatInterruptsItsWorkerIsChargedAndTheNextCallStartsClear() {
        AtomicInteger interruptedAtStart = new AtomicInteger();
        try (EventBus bus = lossless("group-interrupt").build()) {
            WorkerGroup group = bus.subscribeGroup("interrupts", MarketDataEvent.class, 1, envelope -> {
                if (Thread.currentThread().isInterrupted()) {
                    interruptedAtStart.incrementAndGet();
                }
                Thread.currentThread().interrupt();
            });
            for (int i = 0; i < 10; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            Await.until("every call completed", () -> group.received() == 10);
            assertThat(interruptedAtStart).hasValue(0);
            assertThat(group.handlerFailures()).isEqualTo(10);
        }
    }

    @Test
    void unsubscribeStopsEveryWorkerThreadAfterWhatWasQueued() throws Exception {
        RecordingFactory factory = new RecordingFactory();
        AtomicInteger handled = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (EventBus bus = lossless("group-unsubscribe").threadFactory(factory).build()) {
            int dispatchThreads = factory.threads.size();
            WorkerGroup group = bus.subscribeGroup("stops", MarketDataEvent.class, 4, envelope -> {
                release.await();
                handled.incrementAndGet();
            });
            List<Thread> workers = List.copyOf(factory.threads.subList(dispatchThreads, factory.threads.size()));
            assertThat(workers).hasSize(4).allMatch(Thread::isAlive);
            for (int i = 0; i < 20; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            Await.until("every event queued or taken", () -> group.backlog() + countBlocked(workers) == 20);
            assertThat(group.awaitTermination(Duration.ZERO)).as("still subscribed").isFalse();
            group.unsubscribe();
            assertThat(group.isActive()).isFalse();
            release.countDown();
            assertThat(group.awaitTermination(Await.DEADLINE)).isTrue();
            assertThat(workers).noneMatch(Thread::isAlive);
            assertThat(handled).as("what was queued before the unsubscribe is handled").hasValue(20);
            assertThat(bus.subscriptions()).doesNotContain(group);
        }
    }

    private static int countBlocked(List<Thread> workers) {
        int blocked = 0;
        for (Thread worker : workers) {
            if (worker.getState() == Thread.State.WAITING) {
                blocked++;
            }
        }
        return blocked;
    }

    @Test
    void aFullDropGroupDropsAndCountsForItselfOnly() {
        CountingObserver observer = new CountingObserver();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger plain = new AtomicInteger();
        try (EventBus bus = lossless("group-drop").observer(observer).build()) {
            WorkerGroup group = bus.subscribeGroup("drops", MarketDataEvent.class, 1, envelope -> release.await(),
                    GroupOptions.DEFAULTS.withQueueCapacity(4).withOverflow(GroupOverflow.DROP));
            bus.subscribe(MarketDataEvent.class, envelope -> plain.incrementAndGet());
            for (int i = 0; i < 50; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            Await.until("the plain handler to get every event, not held up by the full group", () -> plain.get() == 50);
            assertThat(group.dropped()).isPositive();
            assertThat(observer.dropped(group)).isEqualTo(group.dropped());
            release.countDown();
            Await.until("the group to handle what it kept", () -> group.received() + group.dropped() == 50);
            assertThat(observer.delivered(group)).isEqualTo(group.received());
        }
        assertThat(observer.droppedWithoutSubscriber(DropReason.BUS_CLOSED)).isZero();
    }

    @Test
    void closeHandsEverythingQueuedToTheHandlerAndEndsTheWorkers() throws Exception {
        RecordingFactory factory = new RecordingFactory();
        CountingObserver observer = new CountingObserver();
        AtomicInteger handled = new AtomicInteger();
        EventBus bus = lossless("group-close").threadFactory(factory).observer(observer).build();
        int dispatchThreads = factory.threads.size();
        WorkerGroup group = bus.subscribeGroup("drained", MarketDataEvent.class, 2, envelope -> {
            LockSupport.parkNanos(20_000);
            handled.incrementAndGet();
        }, GroupOptions.DEFAULTS.withQueueCapacity(16));
        for (int i = 0; i < 2_000; i++) {
            bus.publish(SampleEvents.tick(i));
        }
        assertThat(bus.close(Await.DEADLINE)).isTrue();
        assertThat(handled).as("close returns after the handler saw everything").hasValue(2_000);
        assertThat(factory.threads.subList(dispatchThreads, factory.threads.size())).hasSize(2)
                .noneMatch(Thread::isAlive);
        assertThat(group.isActive()).isFalse();
        assertThat(observer.delivered(group)).isEqualTo(2_000);
        assertThat(observer.droppedWithoutSubscriber(DropReason.BUS_CLOSED)).isZero();
        assertThatThrownBy(() -> bus.subscribeGroup("late", MarketDataEvent.class, 1, envelope -> { }))
                .isInstanceOf(BusClosedException.class);
        assertThat(factory.threads).as("a refused group starts no thread").noneMatch(Thread::isAlive);
    }

    @Test
    void whatAGroupHandlerPublishesWhileTheBusClosesIsDeliveredToo() {
        AtomicInteger derived = new AtomicInteger();
        EventBus bus = lossless("group-cascade").build();
        bus.subscribe(HealthEvent.class, envelope -> derived.incrementAndGet());
        bus.subscribeGroup("stage", MarketDataEvent.class, 2, envelope -> {
            LockSupport.parkNanos(10_000);
            bus.publish(SampleEvents.health("stage", envelope.event().timestamp()));
        }, GroupOptions.DEFAULTS.withQueueCapacity(32));
        for (int i = 0; i < 500; i++) {
            bus.publish(SampleEvents.tick(i));
        }
        assertThat(bus.close(Await.DEADLINE)).isTrue();
        assertThat(derived).hasValue(500);
    }

    @Test
    void closeRacingPublishersLosesNothingAcceptedInGroupsOrShards() throws Exception {
        for (DispatchMode mode : DispatchMode.values()) {
            AtomicLong accepted = new AtomicLong();
            AtomicLong grouped = new AtomicLong();
            AtomicLong sharded = new AtomicLong();
            EventBus bus = lossless("group-close-race-" + mode).dispatchMode(mode).build();
            bus.subscribeGroup("group", MarketDataEvent.class, 2, envelope -> grouped.incrementAndGet(),
                    GroupOptions.DEFAULTS.withQueueCapacity(64));
            bus.subscribeSharded("shards", MarketDataEvent.class, MarketDataEvent::symbol, 3,
                    envelope -> sharded.incrementAndGet(), GroupOptions.DEFAULTS.withQueueCapacity(64));
            CountDownLatch started = new CountDownLatch(4);
            List<Thread> publishers = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                String symbol = "S" + p;
                publishers.add(new Thread(() -> {
                    started.countDown();
                    try {
                        for (long i = 0; ; i++) {
                            bus.publish(SampleEvents.tick(symbol, i));
                            accepted.incrementAndGet();
                        }
                    } catch (BusClosedException expected) {
                        // The close refused it: not accepted, so not owed.
                    }
                }, "racing-publisher-" + p));
            }
            publishers.forEach(Thread::start);
            Await.latch("publishers started", started);
            Await.until("some events through", () -> grouped.get() > 1_000);
            assertThat(bus.close(Await.DEADLINE)).isTrue();
            Await.join(publishers.toArray(new Thread[0]));
            assertThat(grouped.get()).as(mode + ": group").isEqualTo(accepted.get());
            assertThat(sharded.get()).as(mode + ": shards").isEqualTo(accepted.get());
        }
    }

    @Test
    void severalTypesShareOneGroup() {
        AtomicInteger ticks = new AtomicInteger();
        AtomicInteger health = new AtomicInteger();
        try (EventBus bus = lossless("group-types").build()) {
            WorkerGroup group = bus.subscribeGroup("both", Set.of(EventType.MARKET_DATA, EventType.HEALTH), 2,
                    envelope -> {
                        if (envelope.event() instanceof MarketDataEvent) {
                            ticks.incrementAndGet();
                        } else {
                            health.incrementAndGet();
                        }
                    }, GroupOptions.DEFAULTS);
            assertThat(group.types()).containsExactlyInAnyOrder(EventType.MARKET_DATA, EventType.HEALTH);
            for (int i = 0; i < 10; i++) {
                bus.publish(SampleEvents.tick(i));
                bus.publish(SampleEvents.health("feed", i));
            }
            Await.until("both types handled", () -> ticks.get() == 10 && health.get() == 10);
            assertThat(group.isSharded()).isFalse();
            assertThat(group.keyFailures()).isZero();
        }
    }

    @Test
    void badArgumentsAreRefusedNamingWhatWasWrong() {
        try (EventBus bus = EventBus.builder().name("group-bad").build()) {
            assertThatThrownBy(() -> bus.subscribeGroup("g", MarketDataEvent.class, 0, e -> { }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workers within [1, 1024] but had 0");
            assertThatThrownBy(() -> bus.subscribeGroup("g", MarketDataEvent.class, 1025, e -> { }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("but had 1025");
            assertThatThrownBy(() -> bus.subscribeGroup(" ", MarketDataEvent.class, 1, e -> { }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name must not be blank");
            assertThatThrownBy(() -> bus.subscribeGroup(null, MarketDataEvent.class, 1, e -> { }))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("name must not be null");
            assertThatThrownBy(() -> bus.subscribeGroup("g", MarketDataEvent.class, 1, null))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("handler must not be null");
            assertThatThrownBy(() -> bus.subscribeGroup("g", Set.of(), 1, e -> { }, GroupOptions.DEFAULTS))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one event type");
            assertThatThrownBy(() -> bus.subscribeGroup("g", MarketDataEvent.class, 1, e -> { }, null))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("options must not be null");
            assertThatThrownBy(() -> GroupOptions.DEFAULTS.withQueueCapacity(1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queueCapacity");
            assertThat(bus.subscriptions()).isEmpty();
        }
    }

    @Test
    void awaitTerminationOnItsOwnWorkerIsRefused() {
        AtomicInteger refused = new AtomicInteger();
        try (EventBus bus = lossless("group-self-await").build()) {
            WorkerGroup[] self = new WorkerGroup[1];
            CountDownLatch subscribed = new CountDownLatch(1);
            self[0] = bus.subscribeGroup("self", MarketDataEvent.class, 1, envelope -> {
                subscribed.await();
                try {
                    self[0].awaitTermination(Duration.ofSeconds(1));
                } catch (IllegalStateException expected) {
                    refused.incrementAndGet();
                }
            });
            subscribed.countDown();
            bus.publish(SampleEvents.tick(1));
            Await.until("the call", () -> self[0].received() == 1);
            assertThat(refused).hasValue(1);
        }
    }

    /** Remembers every thread it made, dispatch threads first. */
    static final class RecordingFactory implements ThreadFactory {

        final List<Thread> threads = new CopyOnWriteArrayList<>();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "recorded-" + threads.size());
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        }
    }
}
