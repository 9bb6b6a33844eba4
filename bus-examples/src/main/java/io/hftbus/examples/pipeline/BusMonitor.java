package io.hftbus.examples.pipeline;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.HealthEvent;
import io.hftbus.api.event.HealthStatus;
import io.hftbus.api.event.PerformanceEvent;
import io.hftbus.api.stats.BusStats;
import io.hftbus.api.stats.LatencySnapshot;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.api.stats.TypeStats;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Watches the pipeline from its own thread: each {@link #sample()} measures every component's
 * events per second since the previous one, publishes a {@link PerformanceEvent} per component
 * (its rate, with the bus's delivery latency and drops of the event type it consumes) and a
 * {@link HealthEvent} per component, and returns the figures for the dashboard.
 *
 * <p>Unlike the stages, the monitor lives in wall-clock time: performance and health are about
 * the process, not the market. Its events go to the LOW lane, which drops rather than blocks when
 * full, so watching never slows trading. Call {@link #sample()} from one thread.
 */
public final class BusMonitor {

    /** The component name of the bus itself in the samples. */
    public static final String BUS = "bus";

    /** The event type whose delivery each stage waits for. */
    private static final Map<String, EventType> INPUT = Map.of(
            MarketDataEngine.NAME, EventType.MARKET_DATA,
            CandleAggregator.NAME, EventType.MARKET_DATA,
            FeaturePipeline.NAME, EventType.MARKET_DATA,
            ReturnModel.NAME, EventType.FEATURE,
            MeanReversionStrategy.NAME, EventType.FEATURE,
            RiskManager.NAME, EventType.SIGNAL,
            ExecutionSimulator.NAME, EventType.APPROVED_SIGNAL,
            PnlTracker.NAME, EventType.FILL,
            Dashboard.NAME, EventType.METRICS);

    /**
     * One component's figures over the last interval.
     *
     * @param component      the component
     * @param eventsPerSecond events handled (published, for the market-data engine) per second
     * @param total          events handled since the start
     * @param health         its health
     */
    public record Rate(String component, double eventsPerSecond, long total, HealthStatus health) {
    }

    /**
     * What one {@link #sample()} saw.
     *
     * @param secondsSinceStart wall time since the monitor was made
     * @param rates             per component, the market-data engine first, then the stages, then
     *                          {@value #BUS} (all events published on the bus)
     * @param stats             the bus's statistics at the same moment
     */
    public record Sample(double secondsSinceStart, List<Rate> rates, StatsSnapshot stats) {

        /** Copies the list. */
        public Sample {
            rates = List.copyOf(rates);
        }

        /** The rate of {@code component}, or 0 if it is not sampled. */
        public double rate(String component) {
            for (Rate rate : rates) {
                if (rate.component().equals(component)) {
                    return rate.eventsPerSecond();
                }
            }
            return 0.0;
        }
    }

    private final EventBus bus;
    private final BusStats stats;
    private final MarketDataEngine engine;
    private final List<Stage> stages;
    private final Clock clock;
    private final long startNanos = System.nanoTime();
    private final long[] lastTotals;
    private final long[] lastFailures;
    private long lastSampleNanos = startNanos;

    /**
     * @param bus    the bus to publish on
     * @param stats  the bus's statistics
     * @param engine the market-data engine
     * @param stages the stages to watch, in display order
     * @param clock  the wall clock that stamps the monitor's events
     */
    public BusMonitor(EventBus bus, BusStats stats, MarketDataEngine engine, List<Stage> stages, Clock clock) {
        this.bus = bus;
        this.stats = stats;
        this.engine = engine;
        this.stages = List.copyOf(stages);
        this.clock = clock;
        this.lastTotals = new long[this.stages.size() + 2];
        this.lastFailures = new long[this.stages.size()];
    }

    /** Measures, publishes the performance and health events, and returns the figures. */
    public Sample sample() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-9, (now - lastSampleNanos) * 1e-9);
        lastSampleNanos = now;
        StatsSnapshot snapshot = stats.snapshot();
        long timestamp = epochNanos(clock.instant());
        List<Rate> rates = new ArrayList<>(stages.size() + 2);

        long published = engine.ticks() + engine.books();
        HealthStatus feedHealth = HealthStatus.HEALTHY;
        rates.add(rate(0, MarketDataEngine.NAME, published, seconds, feedHealth));
        report(timestamp, MarketDataEngine.NAME, rates.get(0).eventsPerSecond(), snapshot, feedHealth,
                engine.isFinished() ? "feed finished" : "publishing");

        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            long failures = stage.failures();
            long newFailures = failures - lastFailures[i];
            lastFailures[i] = failures;
            HealthStatus health = newFailures > 0 ? HealthStatus.DEGRADED : stage.health();
            String detail = newFailures > 0 ? newFailures + " failed handler calls in the last " + Math.round(seconds)
                    + " s" : stage.healthDetail();
            Rate rate = rate(i + 1, stage.name(), stage.handled(), seconds, health);
            rates.add(rate);
            report(timestamp, stage.name(), rate.eventsPerSecond(), snapshot, health, detail);
        }

        long allPublished = 0;
        for (TypeStats type : snapshot.types()) {
            allPublished += type.published();
        }
        rates.add(rate(stages.size() + 1, BUS, allPublished, seconds, HealthStatus.HEALTHY));
        return new Sample((now - startNanos) * 1e-9, rates, snapshot);
    }

    private Rate rate(int index, String component, long total, double seconds, HealthStatus health) {
        double perSecond = (total - lastTotals[index]) / seconds;
        lastTotals[index] = total;
        return new Rate(component, perSecond, total, health);
    }

    private void report(long timestamp, String component, double eventsPerSecond, StatsSnapshot snapshot,
                        HealthStatus health, String detail) {
        TypeStats input = snapshot.types().get(INPUT.getOrDefault(component, EventType.MARKET_DATA).ordinal());
        LatencySnapshot latency = input.latency();
        long p50 = Math.max(0, latency.p50());
        long p99 = Math.max(p50, latency.p99());
        long max = Math.max(p99, latency.max());
        bus.publish(new PerformanceEvent(timestamp, component, eventsPerSecond, p50, p99, max, input.dropped()));
        bus.publish(new HealthEvent(timestamp, component, health, detail));
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
