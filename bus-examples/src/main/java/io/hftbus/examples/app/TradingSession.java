package io.hftbus.examples.app;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.ConfigEvent;
import io.hftbus.api.stats.BusStats;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.examples.pipeline.BusMonitor;
import io.hftbus.examples.pipeline.Dashboard;
import io.hftbus.examples.pipeline.Instrument;
import io.hftbus.examples.pipeline.MarketDataEngine;
import io.hftbus.examples.pipeline.MarketFeed;
import io.hftbus.examples.pipeline.Pipeline;
import io.hftbus.examples.pipeline.Stage;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One run of the trading pipeline on a bus: subscribes the stages and the dashboard, announces
 * the run's settings as {@link ConfigEvent}s (so that a journal of the run carries them), publishes
 * the feed, samples and prints once a second, drains, closes the bus and prints the summary.
 */
final class TradingSession {

    /** The component name of the run's settings in its config events. */
    static final String CONFIG_COMPONENT = "pipeline";
    /**
     * Envelopes in flight that the market-data engine allows: far below the lanes' capacity, and
     * small enough that a stall of the dispatch thread (JIT compilation at start-up, a GC pause)
     * queues a few hundred microseconds of work, not milliseconds.
     */
    static final int FLOW_WINDOW = 128;

    private final EventBus bus;
    private final BusStats stats;
    private final PrintStream out;
    private final boolean quiet;

    TradingSession(EventBus bus, BusStats stats, PrintStream out, boolean quiet) {
        this.bus = bus;
        this.stats = stats;
        this.out = out;
        this.quiet = quiet;
    }

    /** What a run did. */
    record Outcome(Pipeline pipeline, MarketDataEngine engine, StatsSnapshot stats, long errors) {
    }

    /**
     * Runs the pipeline on {@code feed} until {@code events} market-data events or {@code duration}
     * of wall time, closes the bus and prints the summary. With {@code shards > 0} the features are
     * sharded by symbol over that many threads and the signals validated by a worker group of as
     * many (see {@link Pipeline}); 0 keeps every stage on the dispatch thread.
     */
    Outcome run(MarketFeed feed, long startNanos, Pipeline.Settings settings, double rate, MarketDataEngine.Pace pace,
                long events, Duration duration, int shards) throws InterruptedException {
        long start = System.nanoTime();
        Pipeline pipeline = new Pipeline(bus, settings, shards, shards);
        List<String> symbols = settings.instruments().stream().map(Instrument::symbol).collect(Collectors.toList());
        Dashboard dashboard = new Dashboard(bus, out, symbols);
        dashboard.attach();
        announce(bus, settings, rate, startNanos);

        MarketDataEngine engine = new MarketDataEngine(bus, feed, pace, FLOW_WINDOW);
        List<Stage> watched = new ArrayList<>(pipeline.stages());
        watched.add(dashboard);
        BusMonitor monitor = new BusMonitor(bus, stats, engine, watched, Clock.systemUTC());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pipeline-monitor");
            thread.setDaemon(true);
            return thread;
        });
        // Ctrl-C stops the feed; the hook then waits for the drain and the summary before the JVM exits.
        CountDownLatch summarised = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            engine.stop();
            try {
                summarised.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pipeline-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            try {
                ticker.scheduleAtFixedRate(() -> {
                    BusMonitor.Sample sample = monitor.sample();
                    if (!quiet) {
                        dashboard.printLine(sample);
                    }
                }, 1, 1, TimeUnit.SECONDS);
                engine.run(events, duration);
                if (!engine.awaitDrained(Duration.ofSeconds(10))) {
                    out.println("warning: the pipeline did not drain within 10 s; closing the bus regardless");
                }
            } finally {
                ticker.shutdown();
                ticker.awaitTermination(5, TimeUnit.SECONDS);
                bus.close();
                feed.close();
            }
            // close() has delivered everything and joined the dispatch thread: the stages' figures are final.
            StatsSnapshot finalStats = stats.snapshot();
            dashboard.printSummary(finalStats, pipeline, engine, (System.nanoTime() - start) * 1e-9);
            out.flush();
            return new Outcome(pipeline, engine, finalStats, dashboard.errors());
        } finally {
            summarised.countDown();
            removeHook(stopper);
        }
    }

    /** Publishes the run's settings as config events, which a journal of the run then carries. */
    static void announce(EventBus bus, Pipeline.Settings settings, double rate, long at) {
        String symbols = settings.instruments().stream().map(Instrument::symbol).collect(Collectors.joining(","));
        bus.publish(new ConfigEvent(at, CONFIG_COMPONENT, "symbols", "", symbols));
        bus.publish(new ConfigEvent(at, CONFIG_COMPONENT, "seed", "", Long.toString(settings.seed())));
        bus.publish(new ConfigEvent(at, CONFIG_COMPONENT, "rate", "", Long.toString((long) rate)));
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting: the hook has run or is running, which is what it is for.
        }
    }
}
