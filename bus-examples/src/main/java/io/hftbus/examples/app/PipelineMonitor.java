package io.hftbus.examples.app;

import io.hftbus.api.EventBus;
import io.hftbus.api.recorder.JournalStatus;
import io.hftbus.api.stats.BusStats;
import io.hftbus.metrics.BusMetrics;
import io.hftbus.monitor.WebMonitor;
import io.hftbus.recorder.BusRecorder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pipeline's {@code --monitor}: the web monitor of its bus, with the statistics as Prometheus
 * text at {@code /metrics} (through {@code bus-metrics}) and the recorder's and journal's counters
 * on the page.
 */
final class PipelineMonitor implements AutoCloseable {

    private final BusMetrics metrics;
    private final WebMonitor monitor;

    private PipelineMonitor(BusMetrics metrics, WebMonitor monitor) {
        this.metrics = metrics;
        this.monitor = monitor;
    }

    /** Starts the monitor as the options ask and prints its address to {@code out}. */
    static PipelineMonitor start(EventBus bus, BusStats stats, BusRecorder recorder, Options options, PrintStream out) {
        // tag::metrics[]
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // The stages subscribe once the session starts: their meters follow within a second.
        BusMetrics metrics = BusMetrics.builder(bus.name(), stats).subscriberRefresh(Duration.ofSeconds(1)).build();
        metrics.bindTo(registry);
        // end::metrics[]
        // tag::monitor[]
        WebMonitor.Builder builder = WebMonitor.builder(bus, stats)
                .port(options.monitorPort())
                .prometheus(registry::scrape)                       // /metrics
                .counters("recorder", () -> counters(recorder));    // shown on the page
        if (options.monitorAddress() != null) {
            // Beyond loopback, every request must carry the token; the printed address has it.
            builder.address(options.monitorAddress()).token(WebMonitor.newToken());
        }
        // end::monitor[]
        WebMonitor monitor;
        try {
            monitor = builder.start();
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        out.println("monitor: " + monitor.pageUri());
        return new PipelineMonitor(metrics, monitor);
    }

    private static Map<String, Long> counters(BusRecorder recorder) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("recorded", recorder.recordedCount());
        counters.put("overwritten", recorder.overwrittenCount());
        if (recorder.journal().isPresent()) {
            JournalStatus journal = recorder.journal().get();
            counters.put("journalEventsWritten", journal.eventsWritten());
            counters.put("journalEventsLost", journal.eventsLost());
            counters.put("journalBytesWritten", journal.bytesWritten());
        }
        return counters;
    }

    @Override
    public void close() {
        monitor.close();
        metrics.close();
    }
}
