package io.hftbus.stats;

import static io.hftbus.stats.Await.awaitTrue;
import static io.hftbus.testing.SampleEvents.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.MarketDataEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The periodic summary line. */
class StatsReporterTest {

    private static final Duration NEVER = Duration.ofHours(1);

    @Test
    void aLineGivesTheIntervalsCountsLatencyAndLanes() {
        StatsCollector stats = new StatsCollector();
        List<String> lines = new CopyOnWriteArrayList<>();
        EventBus bus = EventBus.builder().name("report").observer(stats).build();
        bus.subscribe(MarketDataEvent.class, envelope -> { });
        try (StatsReporter reporter = StatsReporter.start(stats, NEVER, lines::add)) {
            for (int i = 0; i < 10; i++) {
                bus.publish(tick(i));
            }
            assertThat(bus.close(Duration.ofSeconds(10))).isTrue();

            String first = reporter.nextLine();
            assertThat(first).startsWith("bus 'report' ")
                    .contains(": published +10 received +10 dropped +0 (lane-full +0, lagging +0, closed +0) failures +0")
                    .containsPattern("\\| latency p50 \\d+(\\.\\d+)?(ns|us|ms|s) p90 .* p99 .* p99\\.9 .* max ")
                    .contains("| lanes depth/capacity/hwm CRITICAL 0/16384/")
                    .contains("| published/received/dropped MARKET_DATA +10/+10/+0 p99 ");
            assertThat(first).doesNotContain("\n");

            String second = reporter.nextLine();
            assertThat(second).contains(": published +0 received +0 dropped +0")
                    .contains("| latency p50 0ns p90 0ns p99 0ns p99.9 0ns max 0ns")
                    .endsWith("| published/received/dropped none");
            assertThat(lines).as("the periodic task has not run").isEmpty();
        }
        assertThat(lines).as("close writes the last interval").hasSize(1);
    }

    @Test
    void theReporterThreadWritesEveryIntervalAndStopsOnClose() {
        StatsCollector stats = new StatsCollector();
        List<String> lines = new CopyOnWriteArrayList<>();
        EventBus bus = EventBus.builder().name("ticking").observer(stats).build();
        try {
            StatsReporter reporter = StatsReporter.start(stats, Duration.ofMillis(20), lines::add);
            assertThat(awaitTrue(() -> lines.size() >= 2, 10)).as("two lines within 10 s").isTrue();
            assertThat(reporterThreadAlive("hftbus-stats-reporter-ticking")).isTrue();

            reporter.close();
            reporter.close();
            int written = lines.size();
            // The executor reports termination just before its worker thread has returned: await the end.
            assertThat(awaitTrue(() -> !reporterThreadAlive("hftbus-stats-reporter-ticking"), 10))
                    .as("the reporter thread ends after close").isTrue();
            assertThat(lines).hasSize(written).allSatisfy(line -> assertThat(line).startsWith("bus 'ticking' "));
        } finally {
            bus.close();
        }
    }

    @Test
    void aFailingOutputDoesNotStopTheReports() {
        StatsCollector stats = new StatsCollector();
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicBoolean failedOnce = new AtomicBoolean();
        try (StatsReporter reporter = StatsReporter.start(stats, Duration.ofMillis(20), line -> {
            if (failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("test: output unavailable");
            }
            lines.add(line);
        })) {
            assertThat(awaitTrue(() -> !lines.isEmpty(), 10)).as("a line after the failure").isTrue();
            assertThat(reporter).hasToString("StatsReporter[StatsCollector[not attached]]");
        }
        assertThat(failedOnce).isTrue();
    }

    @Test
    void startRejectsMissingOrNonPositiveArguments() {
        StatsCollector stats = new StatsCollector();
        assertThatThrownBy(() -> StatsReporter.start(null, NEVER))
                .isInstanceOf(NullPointerException.class).hasMessage("stats must not be null");
        assertThatThrownBy(() -> StatsReporter.start(stats, null))
                .isInstanceOf(NullPointerException.class).hasMessage("interval must not be null");
        assertThatThrownBy(() -> StatsReporter.start(stats, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("interval must be positive but was PT0S");
        assertThatThrownBy(() -> StatsReporter.start(stats, NEVER, null))
                .isInstanceOf(NullPointerException.class).hasMessage("out must not be null");
    }

    @Test
    void durationsAreWrittenInTheLargestUnitAboveOne() {
        assertThat(StatsReporter.nanos(850)).isEqualTo("850ns");
        assertThat(StatsReporter.nanos(12_345)).isEqualTo("12.3us");
        assertThat(StatsReporter.nanos(1_250_000)).isEqualTo("1.25ms");
        assertThat(StatsReporter.nanos(2_000_000_000L)).isEqualTo("2.00s");
    }

    private static boolean reporterThreadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
