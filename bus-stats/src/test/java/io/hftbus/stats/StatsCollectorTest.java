package io.hftbus.stats;

import static io.hftbus.testing.SampleEvents.envelope;
import static io.hftbus.testing.SampleEvents.health;
import static io.hftbus.testing.SampleEvents.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.hftbus.api.BusObserver;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.stats.LatencySnapshot;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.api.stats.TypeStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The collector fed directly through its observer callbacks, with envelopes whose times we choose. */
class StatsCollectorTest {

    private static final long PUBLISHED_AT = 7_000_000_000L;

    /** What a dispatch thread does for one envelope with one subscriber, through the observer it was given. */
    private static void deliverWithLatency(BusObserver observer, Envelope<?> envelope, long latencyNanos) {
        observer.onDispatched(envelope, PUBLISHED_AT + latencyNanos);
        observer.onDelivered(envelope, null, PUBLISHED_AT + latencyNanos);
    }

    private static void deliverWithLatency(BusObserver observer, long sequence, long latencyNanos) {
        deliverWithLatency(observer, envelope(sequence, PUBLISHED_AT, tick(sequence)), latencyNanos);
    }

    @Test
    void percentilesOfAUniformDistributionAreWithinThePrecision() {
        StatsCollector stats = new StatsCollector();
        BusObserver view = stats.forThread();
        // 1 µs .. 10 ms in steps of 1 µs, in a shuffled order.
        List<Long> latencies = new ArrayList<>();
        for (long i = 1; i <= 10_000; i++) {
            latencies.add(i * 1_000L);
        }
        Collections.shuffle(latencies, new Random(42));
        for (int i = 0; i < latencies.size(); i++) {
            deliverWithLatency(view, i, latencies.get(i));
        }

        LatencySnapshot latency = stats.of(EventType.MARKET_DATA).latency();
        assertThat(latency.count()).isEqualTo(10_000);
        assertThat(latency.p50()).isCloseTo(5_000_000L, withinPercentage(1)).isGreaterThanOrEqualTo(5_000_000L);
        assertThat(latency.p90()).isCloseTo(9_000_000L, withinPercentage(1)).isGreaterThanOrEqualTo(9_000_000L);
        assertThat(latency.p99()).isCloseTo(9_900_000L, withinPercentage(1)).isGreaterThanOrEqualTo(9_900_000L);
        assertThat(latency.p999()).isCloseTo(9_990_000L, withinPercentage(1)).isGreaterThanOrEqualTo(9_990_000L);
        assertThat(latency.max()).isCloseTo(10_000_000L, withinPercentage(1)).isGreaterThanOrEqualTo(10_000_000L);
    }

    @Test
    void percentilesOfATwoModeDistributionSeparateTheOutliers() {
        StatsCollector stats = new StatsCollector();
        BusObserver view = stats.forThread();
        // 99.8% at 800 ns, 0.2% at 2 ms: the median and p99 see the mode, p99.9 and max the outliers.
        for (int i = 0; i < 10_000; i++) {
            deliverWithLatency(view, i, i % 500 == 0 ? 2_000_000L : 800L);
        }

        LatencySnapshot latency = stats.of(EventType.MARKET_DATA).latency();
        assertThat(latency.count()).isEqualTo(10_000);
        assertThat(latency.p50()).isCloseTo(800L, withinPercentage(1));
        assertThat(latency.p90()).isCloseTo(800L, withinPercentage(1));
        assertThat(latency.p99()).isCloseTo(800L, withinPercentage(1));
        assertThat(latency.p999()).isCloseTo(2_000_000L, withinPercentage(1));
        assertThat(latency.max()).isCloseTo(2_000_000L, withinPercentage(1));
    }

    @Test
    void threeSignificantDigitsNarrowThePercentilesToATenthOfAPercent() {
        StatsCollector stats = new StatsCollector(StatsCollector.DEFAULT_HIGHEST_TRACKABLE_LATENCY_NANOS, 3);
        BusObserver view = stats.forThread();
        for (long i = 1; i <= 10_000; i++) {
            deliverWithLatency(view, i, i * 1_000L);
        }

        LatencySnapshot latency = stats.of(EventType.MARKET_DATA).latency();
        assertThat(latency.p50()).isCloseTo(5_000_000L, withinPercentage(0.1));
        assertThat(latency.p99()).isCloseTo(9_900_000L, withinPercentage(0.1));
        assertThat(latency.max()).isCloseTo(10_000_000L, withinPercentage(0.1));
    }

    @Test
    void latencyIsKeptPerTypeAndEmptyWhereNothingWasDelivered() {
        StatsCollector stats = new StatsCollector();
        BusObserver view = stats.forThread();
        for (int i = 0; i < 100; i++) {
            deliverWithLatency(view, i, 1_000L);
            deliverWithLatency(view, envelope(1000 + i, PUBLISHED_AT, health("feed", i)), 50_000L);
        }

        assertThat(stats.of(EventType.MARKET_DATA).latency().max()).isCloseTo(1_000L, withinPercentage(1));
        assertThat(stats.of(EventType.HEALTH).latency().p50()).isCloseTo(50_000L, withinPercentage(1));
        assertThat(stats.of(EventType.ORDER).latency()).isEqualTo(LatencySnapshot.EMPTY);
    }

    @Test
    void latencyOutsideTheRangeIsClampedToItsEnds() {
        StatsCollector stats = new StatsCollector(1_000_000L, 2);
        BusObserver view = stats.forThread();
        deliverWithLatency(view, 0, 5_000_000_000L);
        deliverWithLatency(view, 1, -500L);

        LatencySnapshot latency = stats.of(EventType.MARKET_DATA).latency();
        assertThat(latency.count()).isEqualTo(2);
        assertThat(latency.p50()).isZero();
        assertThat(latency.max()).isCloseTo(1_000_000L, withinPercentage(1));
    }

    @Test
    void readingsAccumulateAcrossReads() {
        StatsCollector stats = new StatsCollector();
        BusObserver view = stats.forThread();
        for (int i = 0; i < 100; i++) {
            deliverWithLatency(view, i, 1_000L);
        }
        assertThat(stats.snapshot().of(EventType.MARKET_DATA).latency().count()).isEqualTo(100);
        for (int i = 0; i < 100; i++) {
            deliverWithLatency(view, 100 + i, 3_000L);
        }

        LatencySnapshot latency = stats.of(EventType.MARKET_DATA).latency();
        assertThat(latency.count()).isEqualTo(200);
        assertThat(latency.p50()).isCloseTo(1_000L, withinPercentage(1));
        assertThat(latency.max()).isCloseTo(3_000L, withinPercentage(1));
        assertThat(stats.of(EventType.MARKET_DATA).received()).isEqualTo(200);
    }

    @Test
    void concurrentRecordingAndReadingLoseNoValue() throws Exception {
        StatsCollector stats = new StatsCollector();
        BusObserver view = stats.forThread();
        int writers = 3;
        int perWriter = 50_000;
        CountDownLatch done = new CountDownLatch(writers);
        for (int w = 0; w < writers; w++) {
            long offset = (long) w * perWriter;
            Thread writer = new Thread(() -> {
                // Each thread its own view, as the bus gives each dispatch thread.
                BusObserver own = stats.forThread();
                for (int i = 0; i < perWriter; i++) {
                    deliverWithLatency(own, offset + i, 100L + i % 1000);
                }
                done.countDown();
            });
            writer.setDaemon(true);
            writer.start();
        }
        AtomicBoolean reads = new AtomicBoolean(true);
        long previous = 0;
        while (reads.get()) {
            // Each read swaps the recorders' histograms while writers record into them.
            long count = stats.snapshot().of(EventType.MARKET_DATA).latency().count();
            assertThat(count).isGreaterThanOrEqualTo(previous);
            previous = count;
            reads.set(!done.await(1, TimeUnit.MILLISECONDS));
        }

        TypeStats marketData = stats.of(EventType.MARKET_DATA);
        assertThat(marketData.received()).isEqualTo((long) writers * perWriter);
        assertThat(marketData.latency().count()).isEqualTo(marketData.received());
    }

    @Test
    void everyCallbackCountsUnderItsOwnTypeAndReason() {
        StatsCollector stats = new StatsCollector();
        BusObserver view = stats.forThread();
        Envelope<MarketDataEvent> tick = envelope(1, PUBLISHED_AT, tick(1));
        Envelope<?> health = envelope(2, PUBLISHED_AT, health("feed", 2));
        stats.onPublished(tick);
        stats.onPublished(tick);
        stats.onPublished(health);
        stats.onDropped(tick, null, DropReason.LANE_FULL);
        stats.onDropped(tick, null, DropReason.STREAM_LAGGING);
        stats.onDropped(tick, null, DropReason.STREAM_LAGGING);
        stats.onDropped(health, null, DropReason.BUS_CLOSED);
        stats.onHandlerFailed(health, null, new IllegalStateException("test"));

        StatsSnapshot snapshot = stats.snapshot();
        assertThat(snapshot.of(EventType.MARKET_DATA)).isEqualTo(
                new TypeStats(EventType.MARKET_DATA, 2, 0, 1, 2, 0, 0, LatencySnapshot.EMPTY));
        assertThat(snapshot.of(EventType.HEALTH)).isEqualTo(
                new TypeStats(EventType.HEALTH, 1, 0, 0, 0, 1, 1, LatencySnapshot.EMPTY));
        assertThat(snapshot.published()).isEqualTo(3);
        assertThat(snapshot.dropped()).isEqualTo(4);
        assertThat(snapshot.received()).isZero();
        assertThat(snapshot.lanes()).extracting(lane -> lane.priority()).containsExactly(Priority.values());
    }

    @Test
    void theCollectorItselfCountsForCallersWithoutAView() {
        StatsCollector stats = new StatsCollector();
        BusObserver view = stats.forThread();
        deliverWithLatency(view, 0, 1_000L);
        // A caller that asked for no view (a close's drain, another bus implementation) uses the
        // collector itself: counted the same, into the same figures.
        deliverWithLatency(stats, 1, 2_000L);
        stats.onPublished(envelope(2, PUBLISHED_AT, tick(2)));
        view.onPublished(envelope(3, PUBLISHED_AT, tick(3)));

        TypeStats marketData = stats.of(EventType.MARKET_DATA);
        assertThat(marketData.published()).isEqualTo(2);
        assertThat(marketData.received()).isEqualTo(2);
        assertThat(marketData.latency().count()).isEqualTo(2);
        assertThat(marketData.latency().max()).isCloseTo(2_000L, withinPercentage(1));
    }

    @Test
    void countsOfAThreadThatEndedAreKeptAfterItsViewIsRetired() throws Exception {
        StatsCollector stats = new StatsCollector();
        Thread publisher = new Thread(() -> {
            BusObserver own = stats.forThread();
            for (int i = 0; i < 1_000; i++) {
                own.onPublished(envelope(i, PUBLISHED_AT, tick(i)));
                deliverWithLatency(own, i, 700L);
            }
        }, "short-lived");
        publisher.start();
        publisher.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(publisher.isAlive()).isFalse();
        // Reading retires the ended thread's cell; a new thread's view retires it too.
        assertThat(stats.of(EventType.MARKET_DATA).published()).isEqualTo(1_000);
        stats.forThread();
        TypeStats marketData = stats.of(EventType.MARKET_DATA);
        assertThat(marketData.published()).isEqualTo(1_000);
        assertThat(marketData.received()).isEqualTo(1_000);
        assertThat(marketData.latency().count()).isEqualTo(1_000);
    }

    @Test
    void constructorRejectsABadRangeOrPrecision() {
        assertThatThrownBy(() -> new StatsCollector(1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("highestTrackableLatencyNanos must be >= 2 but was 1");
        assertThatThrownBy(() -> new StatsCollector(1_000, 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("significantDigits must be within [1, 5] but was 6");
        assertThatThrownBy(() -> new StatsCollector().of(null))
                .isInstanceOf(NullPointerException.class).hasMessage("type must not be null");
        assertThatThrownBy(() -> new StatsCollector().lane(null))
                .isInstanceOf(NullPointerException.class).hasMessage("priority must not be null");
    }
}
