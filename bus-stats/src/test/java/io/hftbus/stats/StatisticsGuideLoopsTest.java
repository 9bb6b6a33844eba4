package io.hftbus.stats;

import static io.hftbus.testing.SampleEvents.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.stats.LatencySnapshot;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.api.stats.TypeStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The loops of the statistics guide (docs/statistics.md) print one line per type and the percentiles. */
class StatisticsGuideLoopsTest {

    @Test
    void theGetStatsExamplePrintsOneLinePerTypeAndTheLatencyExampleItsPercentiles() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        StatsCollector stats = new StatsCollector();
        try (EventBus bus = EventBus.builder().observer(stats).build()) {
            bus.subscribe(MarketDataEvent.class, envelope -> { });
            for (int i = 0; i < 3; i++) {
                bus.publish(tick(i));
            }
            bus.close(Duration.ofSeconds(10));

            StatsSnapshot snapshot = stats.snapshot();
            for (TypeStats type : snapshot.types()) {
                out.printf("%s: published=%d, received=%d, dropped=%d%n",
                        type.type(), type.published(), type.received(), type.dropped());
            }
        }
        LatencySnapshot md = stats.of(EventType.MARKET_DATA).latency();
        out.printf("market data: p50=%dns p99=%dns p99.9=%dns max=%dns over %d envelopes%n",
                md.p50(), md.p99(), md.p999(), md.max(), md.count());

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(EventType.count() + 1)
                .contains("MARKET_DATA: published=3, received=3, dropped=0", "ORDER: published=0, received=0, dropped=0");
        assertThat(text).containsPattern("market data: p50=\\d+ns p99=\\d+ns p99\\.9=\\d+ns max=\\d+ns over 3 envelopes");
    }
}
