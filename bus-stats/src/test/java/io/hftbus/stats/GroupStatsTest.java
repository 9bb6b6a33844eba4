package io.hftbus.stats;

import static io.hftbus.stats.Await.awaitTrue;
import static io.hftbus.testing.SampleEvents.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.EventBus;
import io.hftbus.api.WorkerGroup;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.stats.SubscriberStats;
import io.hftbus.api.stats.WorkerStats;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Worker groups and sharded subscriptions in the snapshot: per subscription and per worker. */
class GroupStatsTest {

    @Test
    void groupsAndShardsShowTheirWorkersFigures() throws Exception {
        StatsCollector stats = new StatsCollector();
        CountDownLatch release = new CountDownLatch(1);
        try (EventBus bus = EventBus.builder().name("group-stats").backpressure(BackpressurePolicy.BLOCK)
                .observer(stats).build()) {
            WorkerGroup group = bus.subscribeGroup("validate", MarketDataEvent.class, 2, envelope -> {
                long end = System.nanoTime() + 50_000;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                if (envelope.event().timestamp() % 10 == 0) {
                    throw new IllegalStateException("expected: every tenth tick fails");
                }
            });
            WorkerGroup sharded = bus.subscribeSharded("features", MarketDataEvent.class, MarketDataEvent::symbol, 2,
                    envelope -> release.await());
            for (int i = 0; i < 100; i++) {
                bus.publish(tick(i));
            }
            assertThat(awaitTrue(() -> group.received() == 100, 20)).isTrue();
            // The sharded subscription's only key holds its worker: one call under way, the rest queued.
            assertThat(awaitTrue(() -> sharded.backlog() == 99, 20)).isTrue();

            SubscriberStats groupStats = find(stats, "validate");
            assertThat(groupStats.kind()).isEqualTo(SubscriberStats.Kind.GROUP);
            assertThat(groupStats.types()).containsExactly(EventType.MARKET_DATA);
            assertThat(groupStats.handlerFailures()).isEqualTo(10);
            assertThat(groupStats.backlog()).isZero();
            assertThat(groupStats.workers()).hasSize(2);
            assertThat(groupStats.workers().stream().mapToLong(WorkerStats::received).sum()).isEqualTo(100);
            assertThat(groupStats.workers().stream().mapToLong(WorkerStats::handlerFailures).sum()).isEqualTo(10);
            assertThat(groupStats.workers().stream().mapToLong(WorkerStats::busyNanos).sum())
                    .as("100 calls of at least 50 us").isGreaterThanOrEqualTo(100 * 50_000L);

            SubscriberStats shardStats = find(stats, "features");
            assertThat(shardStats.kind()).isEqualTo(SubscriberStats.Kind.SHARDED);
            assertThat(shardStats.backlog()).isEqualTo(99);
            int busyShard = WorkerGroup.shardOf("ES", 2);
            assertThat(shardStats.workers().get(busyShard).backlog()).isEqualTo(99);
            assertThat(shardStats.workers().get(1 - busyShard).backlog()).isZero();
            assertThat(awaitTrue(() -> stats.of(EventType.MARKET_DATA).received() == 200, 20))
                    .as("each subscription counts once per event").isTrue();
            release.countDown();
        }
    }

    private static SubscriberStats find(StatsCollector stats, String name) {
        return stats.snapshot().subscribers().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
