package io.hftbus.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.monitor.WebMonitor;
import io.hftbus.stats.StatsCollector;
import io.hftbus.testing.SampleEvents;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The monitor's page stays responsive on a busy bus: every event type published, all four lanes in
 * use, fifty subscribers (forty handlers, ten streams that lag), five samples a second, in a real
 * headless Chromium.
 */
class MonitorPageUnderLoadTest {

    private static final int HANDLERS = 40;
    private static final int STREAMS = 10;

    private static StatsCollector stats;
    private static EventBus bus;
    private static Thread publisher;
    private static volatile boolean publishing = true;
    private static WebMonitor monitor;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void startABusyBusItsMonitorAndTheBrowser() throws Exception {
        stats = new StatsCollector();
        bus = EventBus.builder().name("busy").observer(stats).build();
        EventType[] types = EventType.values();
        for (int i = 0; i < HANDLERS; i++) {
            Class<? extends Event> type = types[i % types.length].eventClass();
            bus.subscribe("handler-" + i, type, envelope -> { });
        }
        for (int i = 0; i < STREAMS; i++) {
            bus.stream("stream-" + i, types[i % types.length].eventClass(), 16);
        }
        publisher = new Thread(() -> {
            long n = 0;
            while (publishing) {
                for (EventType type : types) {
                    bus.publish(SampleEvents.of(type, n));
                }
                n++;
                LockSupport.parkNanos(100_000L);
            }
        }, "busy-publisher");
        publisher.start();
        monitor = WebMonitor.builder(bus, stats).port(0).sampleInterval(Duration.ofMillis(200)).start();
        chromium = new HeadlessChromium();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (monitor != null) {
            monitor.close();
        }
        publishing = false;
        if (publisher != null) {
            publisher.join(TimeUnit.SECONDS.toMillis(10));
        }
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void everySampleShowsQuicklyAndThePageKeepsUpWithTheMonitor() throws Exception {
        chromium.driver().get(monitor.pageUri().toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (samples() < 15) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("15 samples on the page within 15 s; it has " + samples()
                        + "; its console:\n" + chromium.console());
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(((Number) chromium.script("return document.querySelectorAll('#subscribers tbody tr').length;"))
                .intValue()).as("subscriber rows").isEqualTo(HANDLERS + STREAMS);
        assertThat(((Number) chromium.script("return document.querySelectorAll('#types tbody tr').length;"))
                .intValue()).as("type rows").isEqualTo(EventType.count());
        assertThat(((Number) chromium.script("return hftbusMonitor.charts.rates.series.length;")).intValue())
                .as("the rate chart's series: time and one per type").isEqualTo(EventType.count() + 1);
        double slowest = ((Number) chromium.script("return hftbusMonitor.slowestShowMillis;")).doubleValue();
        System.out.println("slowest sample shown in " + slowest + " ms");
        assertThat(slowest).as("the longest a sample took to show, ms (samples come every 200 ms)").isLessThan(100);
        long shown = ((Number) chromium.script("return hftbusMonitor.last.sequence;")).longValue();
        long taken = sequenceOfTheMonitor();
        assertThat(taken - shown).as("samples the page is behind the monitor").isLessThanOrEqualTo(2);
        assertThat(stats.snapshot().of(EventType.ERROR).published()).as("every type is published").isPositive();
    }

    private static long samples() {
        Object samples = chromium.script("return window.hftbusMonitor ? hftbusMonitor.samples : 0;");
        return ((Number) samples).longValue();
    }

    /** The sequence of the monitor's latest sample, as /api/snapshot has it, read in the page itself. */
    private static long sequenceOfTheMonitor() {
        Object sequence = chromium.driver().executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch('/api/snapshot').then(function (r) { return r.json(); })"
                        + ".then(function (s) { done(s.sequence); });");
        return ((Number) sequence).longValue();
    }
}
