package io.hftbus.stats;

import static io.hftbus.stats.Await.awaitTrue;
import static io.hftbus.testing.SampleEvents.health;
import static io.hftbus.testing.SampleEvents.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.BackpressureException;
import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.DispatchMode;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.Priority;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.HealthEvent;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.stats.LaneStats;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.api.stats.TypeStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

/** The collector attached to a real bus: its counters against what publishers and subscribers saw. */
class StatsCollectorBusTest {

    @Test
    void countersEqualWhatConcurrentPublishersSentAndSubscribersCounted() throws Exception {
        int publishers = 4;
        int perPublisher = 20_000;
        StatsCollector stats = new StatsCollector();
        EventBus bus = EventBus.builder().name("exact")
                .laneCapacity(1024)
                .backpressure(BackpressurePolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(30))
                .dispatchMode(DispatchMode.THREAD_PER_LANE)
                .observer(stats)
                .build();
        AtomicLong marketDataHandlerA = new AtomicLong();
        AtomicLong marketDataHandlerB = new AtomicLong();
        AtomicLongArray allTypesHandler = new AtomicLongArray(EventType.count());
        bus.subscribe(MarketDataEvent.class, envelope -> marketDataHandlerA.incrementAndGet());
        bus.subscribe(MarketDataEvent.class, envelope -> marketDataHandlerB.incrementAndGet());
        // Called by up to one thread per lane at once: the counts are atomic.
        bus.subscribeAll(envelope -> allTypesHandler.incrementAndGet(envelope.type().ordinal()));
        // Never read, so it lags once full: its drops are part of the accounting.
        EventStream<HealthEvent> unread = bus.stream(HealthEvent.class, 64);

        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            Thread publisher = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perPublisher; i++) {
                    // Market data in its own lane and, overriding the priority, in another one:
                    // two dispatch threads deliver the same type at once.
                    if (i % 4 == 0) {
                        bus.publish(health("feed", i));
                    } else if (i % 4 == 1) {
                        bus.publish(tick(i), Priority.NORMAL);
                    } else {
                        bus.publish(tick(i));
                    }
                }
            }, "publisher-" + p);
            publisher.start();
            threads.add(publisher);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(thread.isAlive()).as("%s finished", thread.getName()).isFalse();
        }
        assertThat(bus.close(Duration.ofSeconds(30))).as("drained cleanly").isTrue();

        long healthPublished = (long) publishers * (perPublisher / 4);
        long marketDataPublished = (long) publishers * perPublisher - healthPublished;
        StatsSnapshot snapshot = stats.snapshot();
        TypeStats marketData = snapshot.of(EventType.MARKET_DATA);
        TypeStats healthStats = snapshot.of(EventType.HEALTH);

        assertThat(marketData.published()).isEqualTo(marketDataPublished);
        assertThat(marketData.received()).isEqualTo(marketDataHandlerA.get() + marketDataHandlerB.get()
                + allTypesHandler.get(EventType.MARKET_DATA.ordinal()));
        assertThat(marketData.received()).isEqualTo(3 * marketDataPublished);
        assertThat(marketData.dropped()).isZero();
        // One latency value per dispatched envelope, whatever its number of subscribers.
        assertThat(marketData.latency().count()).isEqualTo(marketDataPublished);

        assertThat(healthStats.published()).isEqualTo(healthPublished);
        assertThat(healthStats.received()).isEqualTo(allTypesHandler.get(EventType.HEALTH.ordinal()) + unread.size());
        assertThat(healthStats.droppedStreamLagging()).isEqualTo(unread.lagged()).isPositive();
        assertThat(healthStats.received() + healthStats.droppedStreamLagging()).isEqualTo(2 * healthPublished);

        for (TypeStats other : snapshot.types()) {
            if (other.type() != EventType.MARKET_DATA && other.type() != EventType.HEALTH) {
                assertThat(other.published()).as("%s published", other.type()).isZero();
                assertThat(other.received()).as("%s received", other.type()).isZero();
            }
        }
        assertThat(snapshot.published()).isEqualTo((long) publishers * perPublisher);
        assertThat(snapshot.lane(Priority.HIGH).highWaterMark()).isPositive();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("start signal not given within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void laneFullDropsAreCountedForDropNewestAndFailFast() throws Exception {
        StatsCollector stats = new StatsCollector();
        try (EventBus bus = EventBus.builder().name("full")
                .laneCapacity(Priority.LOW, 4).backpressure(Priority.LOW, BackpressurePolicy.DROP_NEWEST)
                .laneCapacity(Priority.HIGH, 4).backpressure(Priority.HIGH, BackpressurePolicy.FAIL_FAST)
                .observer(stats).build()) {
            HeldHandler held = HeldHandler.holdFirst(bus);

            long notAccepted = 0;
            for (int i = 1; i <= 10; i++) {
                if (bus.publish(health("feed", i)) == EventBus.NOT_ACCEPTED) {
                    notAccepted++;
                }
            }
            long refused = 0;
            for (int i = 0; i < 10; i++) {
                try {
                    bus.publish(tick(i));
                } catch (BackpressureException expected) {
                    refused++;
                }
            }
            // The first health event is in the held handler; four more fill its lane, four ticks theirs.
            assertThat(notAccepted).isEqualTo(6);
            assertThat(refused).isEqualTo(6);
            assertThat(stats.of(EventType.HEALTH).droppedLaneFull()).isEqualTo(notAccepted);
            assertThat(stats.of(EventType.HEALTH).published()).isEqualTo(11);
            assertThat(stats.of(EventType.MARKET_DATA).droppedLaneFull()).isEqualTo(refused);
            assertThat(stats.of(EventType.MARKET_DATA).dropped()).isEqualTo(refused);
            held.release();
        }
    }

    @Test
    void streamLaggingDropsAreCountedPerStream() throws Exception {
        StatsCollector stats = new StatsCollector();
        EventBus bus = EventBus.builder().name("lagging").observer(stats).build();
        EventStream<MarketDataEvent> slow = bus.stream(MarketDataEvent.class, 2);
        EventStream<MarketDataEvent> slower = bus.stream(MarketDataEvent.class, 4);
        for (int i = 0; i < 10; i++) {
            bus.publish(tick(i));
        }
        assertThat(bus.close(Duration.ofSeconds(10))).isTrue();

        TypeStats marketData = stats.of(EventType.MARKET_DATA);
        assertThat(slow.lagged()).isEqualTo(8);
        assertThat(slower.lagged()).isEqualTo(6);
        assertThat(marketData.droppedStreamLagging()).isEqualTo(slow.lagged() + slower.lagged());
        assertThat(marketData.received()).isEqualTo(slow.size() + slower.size());
        assertThat(marketData.droppedLaneFull()).isZero();
        assertThat(marketData.droppedBusClosed()).isZero();
    }

    @Test
    void busClosedDropsAreCountedWhenCloseTimesOut() throws Exception {
        StatsCollector stats = new StatsCollector();
        EventBus bus = EventBus.builder().name("closing").observer(stats).build();
        HeldHandler held = HeldHandler.holdFirst(bus);
        for (int i = 1; i < 10; i++) {
            bus.publish(health("feed", i));
        }

        assertThat(bus.close(Duration.ofMillis(50))).as("close times out behind the held handler").isFalse();
        TypeStats afterClose = stats.of(EventType.HEALTH);
        assertThat(afterClose.droppedBusClosed()).isEqualTo(9);

        held.release();
        assertThat(awaitTrue(() -> stats.of(EventType.HEALTH).received() == 1, 10)).isTrue();
        TypeStats settled = stats.of(EventType.HEALTH);
        assertThat(settled.published()).isEqualTo(10);
        assertThat(settled.received() + settled.droppedBusClosed()).isEqualTo(settled.published());
    }

    @Test
    void handlerFailuresAreCountedAndStillCountAsReceived() throws Exception {
        StatsCollector stats = new StatsCollector();
        EventBus bus = EventBus.builder().name("failing").observer(stats).build();
        AtomicLong thrown = new AtomicLong();
        bus.subscribe(MarketDataEvent.class, envelope -> {
            if (envelope.event().timestamp() % 3 == 0) {
                thrown.incrementAndGet();
                throw new IllegalStateException("test failure on " + envelope.sequence());
            }
        });
        for (int i = 0; i < 30; i++) {
            bus.publish(tick(i));
        }
        assertThat(bus.close(Duration.ofSeconds(10))).isTrue();

        TypeStats marketData = stats.of(EventType.MARKET_DATA);
        assertThat(thrown.get()).isEqualTo(10);
        assertThat(marketData.handlerFailures()).isEqualTo(thrown.get());
        assertThat(marketData.received()).isEqualTo(30);
    }

    @Test
    void laneFiguresFollowTheBusWhileAHandlerHoldsTheDispatchThread() throws Exception {
        StatsCollector stats = new StatsCollector();
        assertThat(stats.lane(Priority.LOW)).isEqualTo(new LaneStats(Priority.LOW, 0, 0, 0));
        try (EventBus bus = EventBus.builder().name("depth").laneCapacity(Priority.LOW, 64)
                .backpressure(Priority.LOW, BackpressurePolicy.DROP_NEWEST).observer(stats).build()) {
            HeldHandler held = HeldHandler.holdFirst(bus);
            for (int i = 1; i <= 50; i++) {
                bus.publish(health("feed", i));
            }

            LaneStats waiting = stats.lane(Priority.LOW);
            assertThat(waiting.depth()).isEqualTo(50);
            assertThat(waiting.capacity()).isEqualTo(64);
            assertThat(stats.snapshot().lane(Priority.LOW).depth()).isEqualTo(50);

            held.release();
            assertThat(awaitTrue(() -> stats.of(EventType.HEALTH).received() == 51, 10)).isTrue();
            LaneStats drained = stats.lane(Priority.LOW);
            assertThat(drained.depth()).isZero();
            // The dispatch thread samples the depth as it drains, so the mark shows the backlog.
            assertThat(drained.highWaterMark()).isGreaterThan(1).isLessThanOrEqualTo(51)
                    .isEqualTo(bus.laneHighWaterMark(Priority.LOW));
            assertThat(stats.lane(Priority.CRITICAL).depth()).isZero();
        }
    }

    @Test
    void oneCollectorRefusesASecondBus() {
        StatsCollector stats = new StatsCollector();
        try (EventBus first = EventBus.builder().name("first").observer(stats).build();
             EventBus second = EventBus.builder().name("second").build()) {
            assertThatThrownBy(() -> stats.onAttached(second))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'first'").hasMessageContaining("'second'");
            stats.onAttached(first);
            assertThat(stats).hasToString("StatsCollector[bus 'first']");
        }
    }

    /** A health handler that blocks on its first event until released, holding the dispatch thread. */
    static final class HeldHandler {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        static HeldHandler holdFirst(EventBus bus) throws InterruptedException {
            HeldHandler held = new HeldHandler();
            bus.subscribe(HealthEvent.class, envelope -> {
                if (envelope.event().timestamp() == 0) {
                    held.entered.countDown();
                    if (!held.release.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("not released within 30 s");
                    }
                }
            });
            bus.publish(health("feed", 0));
            assertThat(held.entered.await(10, TimeUnit.SECONDS)).as("handler holds the dispatch thread").isTrue();
            return held;
        }

        void release() {
            release.countDown();
        }
    }
}
