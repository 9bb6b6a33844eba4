package io.hftbus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.DispatchMode;
import io.hftbus.api.EventBus;
import io.hftbus.api.GroupOptions;
import io.hftbus.api.Priority;
import io.hftbus.api.WorkerGroup;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.stats.WorkerStats;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sharded subscriptions: per-key order on one worker per shard, keys in parallel. */
class ShardedSubscriptionTest {

    private static final long PER_PUBLISHER = 1_000_000L;

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void eventsOfOneKeyAreHandledInPublishOrderOnOneThreadUnderFourPublishers(DispatchMode mode) {
        int publishers = 4;
        int keys = 64;
        int perPublisher = 20_000;
        int shards = 4;
        // Per key: the next sequence expected from each publisher, and the one thread that handles the key.
        Map<String, long[]> next = new ConcurrentHashMap<>();
        Map<String, Set<String>> threadsOfKey = new ConcurrentHashMap<>();
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicLong handled = new AtomicLong();
        try (EventBus bus = WorkerGroupTest.lossless("sharded-order-" + mode).dispatchMode(mode).build()) {
            WorkerGroup sharded = bus.subscribeSharded("by-symbol", MarketDataEvent.class, MarketDataEvent::symbol,
                    shards, envelope -> {
                        MarketDataEvent tick = envelope.event();
                        int publisher = (int) (tick.timestamp() / PER_PUBLISHER);
                        long sequence = tick.timestamp() % PER_PUBLISHER;
                        long[] expected = next.computeIfAbsent(tick.symbol(), k -> new long[publishers]);
                        if (expected[publisher] != sequence) {
                            violations.add(tick.symbol() + " from publisher " + publisher + ": expected "
                                    + expected[publisher] + " but got " + sequence);
                        }
                        expected[publisher] = sequence + 1;
                        threadsOfKey.computeIfAbsent(tick.symbol(), k -> ConcurrentHashMap.newKeySet())
                                .add(Thread.currentThread().getName());
                        handled.incrementAndGet();
                    }, GroupOptions.DEFAULTS.withQueueCapacity(128));
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                int publisher = p;
                threads.add(new Thread(() -> {
                    long[] sequenceOfKey = new long[keys];
                    for (int i = 0; i < perPublisher; i++) {
                        int key = (i * 7 + publisher) % keys;
                        bus.publish(SampleEvents.tick("K" + key, publisher * PER_PUBLISHER + sequenceOfKey[key]++));
                    }
                }, "publisher-" + p));
            }
            threads.forEach(Thread::start);
            Await.join(threads.toArray(new Thread[0]));
            Await.until("every event handled", () -> handled.get() == (long) publishers * perPublisher);
            assertThat(violations).as("per-key order").isEmpty();
            assertThat(threadsOfKey).hasSize(keys);
            threadsOfKey.forEach((key, names) -> {
                assertThat(names).as("threads of " + key).hasSize(1);
                assertThat(names.iterator().next()).as("the thread of " + key + " is its shard's")
                        .endsWith("-" + WorkerGroup.shardOf(key, shards));
            });
            assertThat(sharded.workers()).extracting(WorkerStats::index).containsExactly(0, 1, 2, 3);
            assertThat(sharded.workers()).allMatch(worker -> worker.received() > 0, "every shard has keys");
        }
    }

    @Test
    void aSlowShardDoesNotHoldUpTheOtherShards() {
        String slowKey = "SLOW";
        String otherKey = keyOnAnotherShard(slowKey, 2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger others = new AtomicInteger();
        try (EventBus bus = WorkerGroupTest.lossless("sharded-slow").build()) {
            WorkerGroup sharded = bus.subscribeSharded("slow", MarketDataEvent.class, MarketDataEvent::symbol, 2,
                    envelope -> {
                        if (envelope.event().symbol().equals(slowKey)) {
                            release.await();
                        } else {
                            others.incrementAndGet();
                        }
                    });
            bus.publish(SampleEvents.tick(slowKey, 0));
            bus.publish(SampleEvents.tick(slowKey, 1));
            for (int i = 0; i < 200; i++) {
                bus.publish(SampleEvents.tick(otherKey, i));
            }
            Await.until("the other shard to handle its key while the slow one waits", () -> others.get() == 200);
            int slowShard = WorkerGroup.shardOf(slowKey, 2);
            assertThat(sharded.workers().get(slowShard).received()).isZero();
            Await.until("the slow key's second event to wait in its shard's queue",
                    () -> sharded.workers().get(slowShard).backlog() == 1);
            release.countDown();
            Await.until("the slow shard to catch up", () -> sharded.received() == 202);
        }
    }

    private static String keyOnAnotherShard(String key, int shards) {
        for (int i = 0; ; i++) {
            String candidate = "K" + i;
            if (WorkerGroup.shardOf(candidate, shards) != WorkerGroup.shardOf(key, shards)) {
                return candidate;
            }
        }
    }

    @Test
    void aKeyFunctionThatFailsIsACountedFaultAndNeverStallsTheBus() {
        CountingObserver observer = new CountingObserver();
        AtomicInteger plain = new AtomicInteger();
        AtomicInteger handled = new AtomicInteger();
        try (EventBus bus = WorkerGroupTest.lossless("sharded-key-fault").observer(observer).build()) {
            WorkerGroup sharded = bus.subscribeSharded("faulty", MarketDataEvent.class, tick -> {
                if (tick.symbol().equals("BAD")) {
                    throw new IllegalArgumentException("expected: no key for BAD");
                }
                return tick.symbol().equals("NONE") ? null : tick.symbol();
            }, 2, envelope -> handled.incrementAndGet());
            bus.subscribe(MarketDataEvent.class, envelope -> plain.incrementAndGet());
            for (int i = 0; i < 30; i++) {
                bus.publish(SampleEvents.tick("ES", i));
                bus.publish(SampleEvents.tick("BAD", i));
                bus.publish(SampleEvents.tick("NONE", i));
            }
            Await.until("the other subscriber to get every event", () -> plain.get() == 90);
            Await.until("the good keys handled", () -> handled.get() == 30);
            assertThat(sharded.keyFailures()).isEqualTo(60);
            assertThat(sharded.handlerFailures()).isZero();
            Await.until("the observers told of each fault", () -> observer.handlerFailures.get() == 60);
            assertThat(observer.delivered(sharded)).as("every event accounted for once").isEqualTo(90);
        }
    }

    @Test
    void unsubscribeStopsEveryShardThread() throws Exception {
        WorkerGroupTest.RecordingFactory factory = new WorkerGroupTest.RecordingFactory();
        try (EventBus bus = WorkerGroupTest.lossless("sharded-unsubscribe").threadFactory(factory).build()) {
            int dispatchThreads = factory.threads.size();
            WorkerGroup sharded = bus.subscribeSharded("stops", MarketDataEvent.class, MarketDataEvent::symbol, 3,
                    envelope -> { });
            List<Thread> workers = List.copyOf(factory.threads.subList(dispatchThreads, factory.threads.size()));
            assertThat(workers).hasSize(3).allMatch(Thread::isAlive);
            bus.publish(SampleEvents.tick("ES", 1));
            Await.until("the event", () -> sharded.received() == 1);
            sharded.unsubscribe();
            assertThat(sharded.awaitTermination(Await.DEADLINE)).isTrue();
            assertThat(workers).noneMatch(Thread::isAlive);
        }
    }

    @Test
    void theShardOfAKeyIsStableAndSpreadsKeys() {
        // Fixed values: the mapping is part of the contract, the same in every run and JVM.
        assertThat(WorkerGroup.shardOf("ES", 4)).isEqualTo(WorkerGroup.shardOf(new String("ES"), 4));
        assertThat(List.of(WorkerGroup.shardOf("ES", 8), WorkerGroup.shardOf("NQ", 8), WorkerGroup.shardOf("CL", 8),
                WorkerGroup.shardOf(42L, 8))).containsExactly(GOLDEN_ES, GOLDEN_NQ, GOLDEN_CL, GOLDEN_42);
        assertThat(WorkerGroup.shardOf(Priority.HIGH, 16)).isEqualTo(WorkerGroup.shardOf("HIGH", 16));
        int[] perShard = new int[8];
        for (int i = 0; i < 8_000; i++) {
            perShard[WorkerGroup.shardOf("SYM" + i, 8)]++;
        }
        for (int count : perShard) {
            assertThat(count).as("keys per shard of 8,000 over 8").isBetween(800, 1200);
        }
        Set<Integer> one = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            one.add(WorkerGroup.shardOf("SYM" + i, 1));
        }
        assertThat(one).containsExactly(0);
        assertThatThrownBy(() -> WorkerGroup.shardOf(null, 2)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WorkerGroup.shardOf("ES", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shards must be >= 1 but was 0");
    }

    private static final int GOLDEN_ES = 4;
    private static final int GOLDEN_NQ = 7;
    private static final int GOLDEN_CL = 2;
    private static final int GOLDEN_42 = 0;

    @Test
    void badArgumentsAreRefusedNamingWhatWasWrong() {
        try (EventBus bus = EventBus.builder().name("sharded-bad").shutdownTimeout(Duration.ofSeconds(5)).build()) {
            assertThatThrownBy(() -> bus.subscribeSharded("s", MarketDataEvent.class, null, 2, e -> { }))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("key function must not be null");
            assertThatThrownBy(() -> bus.subscribeSharded("s", MarketDataEvent.class, MarketDataEvent::symbol, 0,
                    e -> { })).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sharded subscription 's' must have shards within [1, 1024] but had 0");
            assertThat(bus.subscriptions()).isEmpty();
        }
    }
}
