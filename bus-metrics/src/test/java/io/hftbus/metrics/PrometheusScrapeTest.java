package io.hftbus.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.DropReason;
import io.hftbus.api.stats.LaneStats;
import io.hftbus.api.stats.LatencySnapshot;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.api.stats.TypeStats;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Prometheus scraping through Micrometer's Prometheus registry: the text a Prometheus server reads
 * holds every figure of the statistics snapshot, exactly.
 */
class PrometheusScrapeTest {

    /** One sample line of the text format: name, labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    @Test
    void theScrapeHoldsEveryFigureOfTheSnapshotExactly() throws Exception {
        try (Workload run = Workload.run("scraped", true);
             BusMetrics metrics = BusMetrics.of(run.bus, run.stats)) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            metrics.bindTo(registry);
            StatsSnapshot snapshot = run.stats.snapshot();
            Map<String, Double> samples = parse(registry.scrape());

            Map<String, Double> expected = new TreeMap<>();
            for (TypeStats type : snapshot.types()) {
                String t = "bus=scraped,type=" + type.type().name();
                expected.put("hftbus_events_published_total{" + t + "}", (double) type.published());
                expected.put("hftbus_events_received_total{" + t + "}", (double) type.received());
                expected.put("hftbus_events_dropped_total{bus=scraped,reason=" + DropReason.LANE_FULL + ",type="
                        + type.type().name() + "}", (double) type.droppedLaneFull());
                expected.put("hftbus_events_dropped_total{bus=scraped,reason=" + DropReason.STREAM_LAGGING + ",type="
                        + type.type().name() + "}", (double) type.droppedStreamLagging());
                expected.put("hftbus_events_dropped_total{bus=scraped,reason=" + DropReason.BUS_CLOSED + ",type="
                        + type.type().name() + "}", (double) type.droppedBusClosed());
                expected.put("hftbus_events_handler_failures_total{" + t + "}", (double) type.handlerFailures());
                LatencySnapshot latency = type.latency();
                quantile(expected, type, "0.5", latency, LatencySnapshot::p50);
                quantile(expected, type, "0.9", latency, LatencySnapshot::p90);
                quantile(expected, type, "0.99", latency, LatencySnapshot::p99);
                quantile(expected, type, "0.999", latency, LatencySnapshot::p999);
                expected.put("hftbus_events_latency_max_seconds{" + t + "}", seconds(latency.max()));
                expected.put("hftbus_events_latency_count_total{" + t + "}", (double) latency.count());
            }
            for (LaneStats lane : snapshot.lanes()) {
                String l = "bus=scraped,lane=" + lane.priority().name();
                expected.put("hftbus_lane_depth{" + l + "}", (double) lane.depth());
                expected.put("hftbus_lane_capacity{" + l + "}", (double) lane.capacity());
                expected.put("hftbus_lane_high_water_mark{" + l + "}", (double) lane.highWaterMark());
            }
            for (var subscriber : snapshot.subscribers()) {
                String s = "bus=scraped,subscriber=" + subscriber.name();
                if (subscriber.kind() == io.hftbus.api.stats.SubscriberStats.Kind.HANDLER) {
                    expected.put("hftbus_subscriber_handler_failures_total{" + s + "}",
                            (double) subscriber.handlerFailures());
                } else {
                    expected.put("hftbus_stream_lagged_total{" + s + "}", (double) subscriber.lagged());
                    expected.put("hftbus_stream_backlog{" + s + "}", (double) subscriber.backlog());
                }
            }

            Map<String, Double> hftbus = new TreeMap<>();
            samples.forEach((series, value) -> {
                if (series.startsWith("hftbus_")) {
                    hftbus.put(series, value);
                }
            });
            // Exactly these series, with exactly these values: nothing missing, nothing extra.
            assertThat(hftbus).containsExactlyEntriesOf(expected);
            assertThat(expected.get("hftbus_events_dropped_total{bus=scraped,reason=LANE_FULL,type=HEALTH}")).isPositive();
            assertThat(expected.get("hftbus_events_latency_seconds{bus=scraped,quantile=0.99,type=MARKET_DATA}")).isPositive();
        }
    }

    @Test
    void theScrapeDescribesEachMeter() throws Exception {
        try (Workload run = Workload.run("described", true);
             BusMetrics metrics = BusMetrics.of(run.bus, run.stats)) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            metrics.bindTo(registry);
            String text = registry.scrape();
            assertThat(text)
                    .contains("# TYPE hftbus_events_published_total counter")
                    .contains("# HELP hftbus_events_published_total Events published, including those a full lane refused")
                    .contains("# TYPE hftbus_events_latency_seconds gauge")
                    .contains("# TYPE hftbus_lane_depth gauge");
        }
    }

    private static void quantile(Map<String, Double> expected, TypeStats type, String quantile, LatencySnapshot latency,
                                 ToLongFunction<LatencySnapshot> figure) {
        expected.put("hftbus_events_latency_seconds{bus=scraped,quantile=" + quantile + ",type=" + type.type().name() + "}",
                seconds(figure.applyAsLong(latency)));
    }

    /** Nanoseconds as the seconds Prometheus is given: the same division Micrometer makes. */
    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** The samples of a scrape, by series written as {@code name{label=value,...}} with sorted labels. */
    private static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("a sample line: %s", line).isTrue();
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            StringBuilder series = new StringBuilder(sample.group(1));
            if (!labels.isEmpty()) {
                series.append('{');
                labels.forEach((key, value) -> series.append(key).append('=').append(value).append(','));
                series.setCharAt(series.length() - 1, '}');
            }
            samples.put(series.toString(), Double.parseDouble(sample.group(3)));
        }
        return samples;
    }
}
