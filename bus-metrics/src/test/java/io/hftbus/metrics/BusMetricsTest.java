package io.hftbus.metrics;

import static io.hftbus.metrics.BusMeterNames.TAG_LANE;
import static io.hftbus.metrics.BusMeterNames.TAG_QUANTILE;
import static io.hftbus.metrics.BusMeterNames.TAG_REASON;
import static io.hftbus.metrics.BusMeterNames.TAG_SUBSCRIBER;
import static io.hftbus.metrics.BusMeterNames.TAG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.DropReason;
import io.hftbus.api.EventStream;
import io.hftbus.api.Priority;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.FillEvent;
import io.hftbus.api.stats.BusStats;
import io.hftbus.api.stats.LaneStats;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.api.stats.TypeStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The binder's meters in Micrometer's simple registry, against the statistics snapshot. */
class BusMetricsTest {

    @Test
    void everyMeterAgreesWithTheSnapshotOfABusAtRest() throws Exception {
        try (Workload run = Workload.run("simple", true);
             BusMetrics metrics = exact(run)) {
            MeterRegistry registry = new SimpleMeterRegistry();
            metrics.bindTo(registry);
            StatsSnapshot snapshot = run.stats.snapshot();

            for (TypeStats type : snapshot.types()) {
                String t = type.type().name();
                assertThat(count(registry, BusMeterNames.EVENTS_PUBLISHED, TAG_TYPE, t)).as(t).isEqualTo(type.published());
                assertThat(count(registry, BusMeterNames.EVENTS_RECEIVED, TAG_TYPE, t)).as(t).isEqualTo(type.received());
                assertThat(count(registry.get(BusMeterNames.EVENTS_DROPPED).tags(TAG_TYPE, t, TAG_REASON, "LANE_FULL")))
                        .as(t).isEqualTo(type.droppedLaneFull());
                assertThat(count(registry.get(BusMeterNames.EVENTS_DROPPED).tags(TAG_TYPE, t, TAG_REASON, "STREAM_LAGGING")))
                        .as(t).isEqualTo(type.droppedStreamLagging());
                assertThat(count(registry.get(BusMeterNames.EVENTS_DROPPED).tags(TAG_TYPE, t, TAG_REASON, "BUS_CLOSED")))
                        .as(t).isEqualTo(type.droppedBusClosed());
                assertThat(count(registry, BusMeterNames.EVENTS_HANDLER_FAILURES, TAG_TYPE, t))
                        .as(t).isEqualTo(type.handlerFailures());
                assertThat(seconds(registry, t, "0.5")).as(t).isEqualTo(type.latency().p50() / 1e9);
                assertThat(seconds(registry, t, "0.9")).as(t).isEqualTo(type.latency().p90() / 1e9);
                assertThat(seconds(registry, t, "0.99")).as(t).isEqualTo(type.latency().p99() / 1e9);
                assertThat(seconds(registry, t, "0.999")).as(t).isEqualTo(type.latency().p999() / 1e9);
                assertThat(registry.get(BusMeterNames.EVENTS_LATENCY_MAX).tags(TAG_TYPE, t).timeGauge()
                        .value(TimeUnit.SECONDS)).as(t).isEqualTo(type.latency().max() / 1e9);
                assertThat(count(registry, BusMeterNames.EVENTS_LATENCY_COUNT, TAG_TYPE, t))
                        .as(t).isEqualTo(type.latency().count());
            }
            for (LaneStats lane : snapshot.lanes()) {
                String l = lane.priority().name();
                assertThat(gauge(registry, BusMeterNames.LANE_DEPTH, TAG_LANE, l)).as(l).isEqualTo(lane.depth());
                assertThat(gauge(registry, BusMeterNames.LANE_CAPACITY, TAG_LANE, l)).as(l).isEqualTo(lane.capacity());
                assertThat(gauge(registry, BusMeterNames.LANE_HIGH_WATER_MARK, TAG_LANE, l))
                        .as(l).isEqualTo(lane.highWaterMark());
            }
            assertThat(count(registry, BusMeterNames.SUBSCRIBER_HANDLER_FAILURES, TAG_SUBSCRIBER, "every-third-order-fails"))
                    .isEqualTo(Workload.PER_TYPE / 3);
            assertThat(count(registry, BusMeterNames.SUBSCRIBER_HANDLER_FAILURES, TAG_SUBSCRIBER, "all")).isZero();
            assertThat(count(registry, BusMeterNames.STREAM_LAGGED, TAG_SUBSCRIBER, "unread-health"))
                    .isEqualTo(run.unread.lagged()).isPositive();
            assertThat(gauge(registry, BusMeterNames.STREAM_BACKLOG, TAG_SUBSCRIBER, "unread-health")).isEqualTo(4);
            // The workload produced each kind of figure, so the comparisons above compared something.
            assertThat(snapshot.of(EventType.HEALTH).droppedLaneFull()).isPositive();
            assertThat(snapshot.of(EventType.ORDER).handlerFailures()).isPositive();
            assertThat(snapshot.of(EventType.MARKET_DATA).latency().count()).isEqualTo(Workload.PER_TYPE);
            assertThat(snapshot.lane(Priority.LOW).highWaterMark()).isEqualTo(Workload.LOW_LANE_CAPACITY);
        }
    }

    @Test
    void everyMeterIsTaggedWithTheBus() throws Exception {
        try (Workload run = Workload.run("tagged", true);
             BusMetrics metrics = BusMetrics.of(run.bus, run.stats)) {
            MeterRegistry registry = new SimpleMeterRegistry();
            metrics.bindTo(registry);
            int perType = 2 + DropReason.values().length + 1 + 4 + 2;
            int perLane = 3;
            // Handlers "all", "every-third-order-fails", "gate": one meter each; the stream: two.
            int subscribers = 3 + 2;
            assertThat(registry.getMeters()).hasSize(EventType.count() * perType + Priority.count() * perLane + subscribers);
            assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTag("bus")).isEqualTo("tagged"));
        }
    }

    @Test
    void latencyReadsNaNOnABusThatDoesNotStampPublishTimes() throws Exception {
        try (Workload run = Workload.run("unstamped", false);
             BusMetrics metrics = exact(run)) {
            MeterRegistry registry = new SimpleMeterRegistry();
            metrics.bindTo(registry);
            assertThat(run.stats.snapshot().of(EventType.MARKET_DATA).latency().available()).isFalse();
            assertThat(registry.get(BusMeterNames.EVENTS_LATENCY).timeGauges())
                    .hasSize(EventType.count() * 4)
                    .allSatisfy(gauge -> assertThat(gauge.value(TimeUnit.NANOSECONDS)).isNaN());
            assertThat(registry.get(BusMeterNames.EVENTS_LATENCY_MAX).timeGauges())
                    .allSatisfy(gauge -> assertThat(gauge.value(TimeUnit.NANOSECONDS)).isNaN());
            assertThat(registry.get(BusMeterNames.EVENTS_LATENCY_COUNT).functionCounters())
                    .allSatisfy(counter -> assertThat(counter.count()).isNaN());
            // The counters still count.
            assertThat(count(registry, BusMeterNames.EVENTS_PUBLISHED, TAG_TYPE, "MARKET_DATA")).isEqualTo(Workload.PER_TYPE);
        }
    }

    @Test
    void subscriberMetersFollowTheSubscriptions() throws Exception {
        try (Workload run = Workload.run("following", true);
             BusMetrics metrics = exact(run)) {
            MeterRegistry registry = new SimpleMeterRegistry();
            metrics.bindTo(registry);
            assertThat(registry.find(BusMeterNames.STREAM_BACKLOG).tags(TAG_SUBSCRIBER, "fills").gauge()).isNull();

            EventStream<FillEvent> fills = run.bus.stream("fills", FillEvent.class, 8);
            metrics.refreshSubscribers();
            assertThat(registry.get(BusMeterNames.STREAM_BACKLOG).tags(TAG_SUBSCRIBER, "fills").gauge().value()).isZero();

            fills.close();
            Subscription gate = run.bus.subscriptions().stream().filter(s -> s.name().equals("gate")).findFirst().orElseThrow();
            gate.close();
            metrics.refreshSubscribers();
            assertThat(registry.find(BusMeterNames.STREAM_BACKLOG).tags(TAG_SUBSCRIBER, "fills").gauge()).isNull();
            assertThat(registry.find(BusMeterNames.SUBSCRIBER_HANDLER_FAILURES).tags(TAG_SUBSCRIBER, "gate")
                    .functionCounter()).isNull();
            assertThat(registry.find(BusMeterNames.SUBSCRIBER_HANDLER_FAILURES).tags(TAG_SUBSCRIBER, "all")
                    .functionCounter()).isNotNull();
        }
    }

    @Test
    void theRefreshThreadRegistersANewSubscriber() throws Exception {
        try (Workload run = Workload.run("refreshing", true);
             BusMetrics metrics = BusMetrics.builder("refreshing", run.stats)
                     .snapshotMaxAge(Duration.ZERO).subscriberRefresh(Duration.ofMillis(20)).build()) {
            MeterRegistry registry = new SimpleMeterRegistry();
            metrics.bindTo(registry);
            run.bus.stream("late", FillEvent.class, 8);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (registry.find(BusMeterNames.STREAM_BACKLOG).tags(TAG_SUBSCRIBER, "late").gauge() == null) {
                assertThat(System.nanoTime() - deadline).as("the meter of a new stream within 10 s").isNegative();
                LockSupport.parkNanos(1_000_000L);
            }
        }
    }

    @Test
    void metersReadTheStatisticsOnlyWhenReadAndOneSnapshotServesAWholeReading() throws Exception {
        try (Workload run = Workload.run("counted", true)) {
            AtomicInteger snapshots = new AtomicInteger();
            BusStats counting = new CountingStats(run.stats, snapshots);
            try (BusMetrics metrics = BusMetrics.builder("counted", counting)
                    .snapshotMaxAge(Duration.ofMinutes(1)).subscriberRefresh(Duration.ZERO).build()) {
                MeterRegistry registry = new SimpleMeterRegistry();
                metrics.bindTo(registry);
                int afterBind = snapshots.get();
                for (int i = 0; i < 1_000; i++) {
                    run.bus.publish(io.hftbus.testing.SampleEvents.of(EventType.METRICS, i));
                }
                assertThat(snapshots.get()).as("publishing reads no statistics").isEqualTo(afterBind);
                registry.getMeters().forEach(meter -> meter.measure().forEach(measurement -> measurement.getValue()));
                assertThat(snapshots.get()).as("reading every meter within the maximum age").isEqualTo(1);
            }
        }
    }

    @Test
    void closeRemovesTheMetersAndRefusesToBindAgain() throws Exception {
        try (Workload run = Workload.run("closing", true)) {
            MeterRegistry first = new SimpleMeterRegistry();
            MeterRegistry second = new SimpleMeterRegistry();
            BusMetrics metrics = BusMetrics.of(run.bus, run.stats);
            metrics.bindTo(first);
            metrics.bindTo(second);
            metrics.bindTo(second);
            assertThat(second.getMeters()).hasSameSizeAs(first.getMeters()).isNotEmpty();
            metrics.close();
            metrics.close();
            assertThat(first.getMeters()).isEmpty();
            assertThat(second.getMeters()).isEmpty();
            assertThatThrownBy(() -> metrics.bindTo(first))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("'closing'").hasMessageContaining("closed");
        }
    }

    @Test
    void badArgumentsAreRefusedByName() {
        BusStats stats = new io.hftbus.stats.StatsCollector();
        assertThatThrownBy(() -> BusMetrics.builder(" ", stats)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("busName");
        assertThatThrownBy(() -> BusMetrics.builder(null, stats)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("busName");
        assertThatThrownBy(() -> BusMetrics.builder("b", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("stats");
        assertThatThrownBy(() -> BusMetrics.of(null, stats)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("bus");
        assertThatThrownBy(() -> BusMetrics.builder("b", stats).snapshotMaxAge(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snapshotMaxAge").hasMessageContaining("-");
        assertThatThrownBy(() -> BusMetrics.builder("b", stats).subscriberRefresh(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("subscriberRefresh");
        assertThatThrownBy(() -> BusMetrics.builder("b", stats).build().bindTo(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("registry");
    }

    /** A binder that reads a new snapshot for every meter and refreshes only when told. */
    static BusMetrics exact(Workload run) {
        return BusMetrics.builder(run.bus.name(), run.stats)
                .snapshotMaxAge(Duration.ZERO).subscriberRefresh(Duration.ZERO).build();
    }

    private static long count(MeterRegistry registry, String name, String tag, String value) {
        return count(registry.get(name).tags(tag, value));
    }

    private static long count(RequiredSearch search) {
        double count = search.functionCounter().count();
        assertThat(count).isEqualTo(Math.rint(count));
        return (long) count;
    }

    private static long gauge(MeterRegistry registry, String name, String tag, String value) {
        double gauge = registry.get(name).tags(tag, value).gauge().value();
        assertThat(gauge).isEqualTo(Math.rint(gauge));
        return (long) gauge;
    }

    /** In seconds, the simple registry's base unit: the nanoseconds divided once, as Micrometer does. */
    private static double seconds(MeterRegistry registry, String type, String quantile) {
        return registry.get(BusMeterNames.EVENTS_LATENCY).tags(TAG_TYPE, type, TAG_QUANTILE, quantile)
                .timeGauge().value(TimeUnit.SECONDS);
    }

    /** Counts the snapshots taken through it. */
    private record CountingStats(BusStats stats, AtomicInteger snapshots) implements BusStats {
        @Override
        public StatsSnapshot snapshot() {
            snapshots.incrementAndGet();
            return stats.snapshot();
        }

        @Override
        public TypeStats of(EventType type) {
            throw new AssertionError("the meters read snapshots only");
        }

        @Override
        public LaneStats lane(Priority priority) {
            throw new AssertionError("the meters read snapshots only");
        }
    }
}
