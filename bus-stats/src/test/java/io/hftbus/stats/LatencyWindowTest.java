package io.hftbus.stats;

import static io.hftbus.testing.SampleEvents.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.stats.LatencySnapshot;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The latency of each type over consecutive intervals, beside the snapshot's since start. */
class LatencyWindowTest {

    @Test
    void eachIntervalHoldsWhatWasRecordedSinceThePreviousOneOnly() {
        StatsCollector stats = new StatsCollector();
        EventBus bus = EventBus.builder().name("window").observer(stats).build();
        bus.subscribe(MarketDataEvent.class, envelope -> { });
        try (LatencyWindow window = stats.openLatencyWindow()) {
            for (int i = 0; i < 10; i++) {
                bus.publish(tick(i));
            }
            // A graceful close delivers all ten: every latency is recorded before it returns.
            assertThat(bus.close(Duration.ofSeconds(10))).isTrue();

            Map<EventType, LatencySnapshot> first = window.next();
            assertThat(first).hasSize(EventType.count());
            assertThat(first.get(EventType.MARKET_DATA).count()).isEqualTo(10);
            assertThat(first.get(EventType.MARKET_DATA).p50()).isPositive();
            assertThat(first.get(EventType.ORDER)).isEqualTo(LatencySnapshot.EMPTY);

            Map<EventType, LatencySnapshot> second = window.next();
            assertThat(second.get(EventType.MARKET_DATA)).as("nothing since the first interval")
                    .isEqualTo(LatencySnapshot.EMPTY);
            assertThat(stats.snapshot().of(EventType.MARKET_DATA).latency().count())
                    .as("the snapshot keeps everything since start").isEqualTo(10);
            assertThatThrownBy(() -> second.put(EventType.ORDER, LatencySnapshot.EMPTY))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void valuesRecordedBeforeTheWindowOpenedAreNotItsAndAClosedWindowRefusesToRead() {
        StatsCollector stats = new StatsCollector();
        EventBus bus = EventBus.builder().name("before").observer(stats).build();
        bus.subscribe(MarketDataEvent.class, envelope -> { });
        bus.publish(tick(1));
        assertThat(Await.awaitTrue(() -> stats.snapshot().received() == 1, 10)).isTrue();

        LatencyWindow window = stats.openLatencyWindow();
        bus.publish(tick(2));
        assertThat(bus.close(Duration.ofSeconds(10))).isTrue();
        assertThat(window.next().get(EventType.MARKET_DATA).count()).isEqualTo(1);

        window.close();
        window.close();
        assertThatThrownBy(window::next).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bus 'before'").hasMessageContaining("closed");
    }

    @Test
    void aBusThatDoesNotStampReportsEveryIntervalAsUnavailable() {
        StatsCollector stats = new StatsCollector();
        EventBus bus = EventBus.builder().name("unstamped").stampPublishTime(false).observer(stats).build();
        bus.subscribe(MarketDataEvent.class, envelope -> { });
        try (LatencyWindow window = stats.openLatencyWindow()) {
            bus.publish(tick(1));
            assertThat(bus.close(Duration.ofSeconds(10))).isTrue();
            assertThat(window.next().values()).containsOnly(LatencySnapshot.UNAVAILABLE);
        }
    }
}
