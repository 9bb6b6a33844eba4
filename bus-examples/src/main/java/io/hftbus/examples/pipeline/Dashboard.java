package io.hftbus.examples.pipeline;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.ErrorEvent;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.HealthEvent;
import io.hftbus.api.event.HealthStatus;
import io.hftbus.api.event.MetricsEvent;
import io.hftbus.api.event.RiskRejectReason;
import io.hftbus.api.stats.LatencySnapshot;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.api.stats.TypeStats;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The console dashboard: one line per {@link BusMonitor.Sample} while the pipeline runs, and a
 * summary table at the end.
 *
 * <p>It is a subscriber like any other: PnL and positions come from the PnL tracker's
 * {@link MetricsEvent}s, health from the {@link HealthEvent}s, failures from the
 * {@link ErrorEvent}s, all received on the dispatch thread and kept for the printing thread in
 * concurrent fields. It prints from the monitor's thread, never from a handler.
 */
public final class Dashboard extends Stage {

    /** The stage name. */
    public static final String NAME = "dashboard";

    private final PrintStream out;
    private final List<String> symbols;
    // Written on the dispatch thread, read by the printing thread.
    private volatile MetricsEvent latestMetrics;
    private volatile ErrorEvent latestError;
    private final AtomicLong errors = new AtomicLong();
    private final Map<String, HealthStatus> health = new ConcurrentHashMap<>();

    /**
     * @param bus     the bus
     * @param out     where to print
     * @param symbols the symbols whose positions to show
     */
    public Dashboard(EventBus bus, PrintStream out, List<String> symbols) {
        super(NAME, bus);
        this.out = out;
        this.symbols = List.copyOf(symbols);
    }

    @Override
    protected void subscribeHandlers() {
        on(MetricsEvent.class, metrics -> {
            if (PnlTracker.NAME.equals(metrics.source())) {
                latestMetrics = metrics;
            }
        });
        on(HealthEvent.class, event -> health.put(event.component(), event.status()));
        on(ErrorEvent.class, error -> {
            errors.setRelease(errors.getPlain() + 1);
            latestError = error;
        });
    }

    /** Errors received. */
    public long errors() {
        return errors.get();
    }

    /**
     * Prints the line of one sample: events per second per stage (published, for the market-data
     * engine), the bus's total rate, p99 delivery latency since the start of market data and of
     * fills, drops, PnL with fees, positions, and health.
     */
    public void printLine(BusMonitor.Sample sample) {
        StringBuilder line = new StringBuilder(200);
        line.append(String.format(Locale.ROOT, "[%3.0fs] ev/s", sample.secondsSinceStart()));
        String busRate = "";
        for (BusMonitor.Rate rate : sample.rates()) {
            if (rate.component().equals(BusMonitor.BUS)) {
                busRate = count(rate.eventsPerSecond());
            } else if (!rate.component().equals(NAME)) {
                line.append(' ').append(shortName(rate.component())).append(' ').append(count(rate.eventsPerSecond()));
            }
        }
        StatsSnapshot stats = sample.stats();
        long dropped = 0;
        for (TypeStats type : stats.types()) {
            dropped += type.dropped();
        }
        line.append(" | bus ").append(busRate).append("/s p99 md ")
                .append(duration(stats.types().get(EventType.MARKET_DATA.ordinal()).latency().p99()))
                .append(" fill ").append(duration(stats.types().get(EventType.FILL.ordinal()).latency().p99()))
                .append(" drops ").append(dropped);
        MetricsEvent metrics = latestMetrics;
        if (metrics != null) {
            line.append(String.format(Locale.ROOT, " | PnL %+,.2f fees %,.2f |",
                    metrics.values().getOrDefault("pnl.total", 0.0), metrics.values().getOrDefault("pnl.fees", 0.0)));
            for (String symbol : symbols) {
                double position = metrics.values().getOrDefault("position." + symbol, 0.0);
                line.append(' ').append(symbol).append(String.format(Locale.ROOT, "%+.0f", position));
            }
        }
        long impaired = health.values().stream().filter(status -> status != HealthStatus.HEALTHY).count();
        line.append(" | ").append(impaired == 0 ? "healthy" : impaired + " impaired");
        long errorCount = errors.get();
        if (errorCount > 0) {
            ErrorEvent last = latestError;
            line.append(" | errors ").append(errorCount).append(" (last: ").append(last.component()).append(": ")
                    .append(last.message()).append(')');
        }
        out.println(line);
    }

    private static String shortName(String component) {
        switch (component) {
            case MarketDataEngine.NAME:
                return "md";
            case FeaturePipeline.NAME:
                return "feat";
            case CandleAggregator.NAME:
                return "agg";
            case MeanReversionStrategy.NAME:
                return "strat";
            case ExecutionSimulator.NAME:
                return "exec";
            default:
                return component;
        }
    }

    private static String count(double value) {
        return value >= 1e6 ? String.format(Locale.ROOT, "%.2fM", value / 1e6)
                : value >= 1e3 ? String.format(Locale.ROOT, "%.1fk", value / 1e3)
                : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String duration(long nanos) {
        return nanos >= 1_000_000 ? String.format(Locale.ROOT, "%.1fms", nanos / 1e6)
                : String.format(Locale.ROOT, "%.1fµs", nanos / 1e3);
    }

    /**
     * Prints the summary: per event type what was published, received and dropped with the
     * delivery latency percentiles, the PnL per symbol, and the trading counts.
     *
     * @param stats    the bus's statistics after it closed
     * @param pipeline the pipeline, after the bus closed (its figures are then final)
     * @param engine   the market-data engine
     * @param seconds  how long the run took
     */
    public void printSummary(StatsSnapshot stats, Pipeline pipeline, MarketDataEngine engine, double seconds) {
        out.println();
        out.printf(Locale.ROOT, "=== summary: %.1f s, %,d market-data events (%s), %,d book snapshots ===%n", seconds,
                engine.ticks(), count(engine.ticks() / Math.max(seconds, 1e-9)) + "/s", engine.books());
        out.printf(Locale.ROOT, "%-16s %12s %12s %9s %9s %9s %9s %9s%n", "event type", "published", "received",
                "dropped", "p50 µs", "p99 µs", "p99.9 µs", "max µs");
        for (TypeStats type : stats.types()) {
            if (type.published() == 0 && type.received() == 0) {
                continue;
            }
            LatencySnapshot latency = type.latency();
            out.printf(Locale.ROOT, "%-16s %,12d %,12d %,9d %9.1f %9.1f %9.1f %9.1f%n", type.type(), type.published(),
                    type.received(), type.dropped(), latency.p50() / 1e3, latency.p99() / 1e3, latency.p999() / 1e3,
                    latency.max() / 1e3);
        }
        out.println();
        PnlTracker.Snapshot pnl = pipeline.pnl().snapshot();
        out.printf(Locale.ROOT, "%-8s %9s %12s %12s %12s %10s %12s %7s%n", "symbol", "position", "avg price",
                "realized", "unrealized", "fees", "total", "fills");
        long fills = 0;
        for (PnlTracker.SymbolPnl symbol : pnl.symbols()) {
            out.printf(Locale.ROOT, "%-8s %+9.0f %12.4f %,12.2f %,12.2f %,10.2f %,12.2f %7d%n", symbol.symbol(),
                    symbol.position(), symbol.averagePrice(), symbol.realized(), symbol.unrealized(), symbol.fees(),
                    symbol.total(), symbol.fills());
            fills += symbol.fills();
        }
        out.printf(Locale.ROOT, "%-8s %9s %12s %,12.2f %,12.2f %,10.2f %,12.2f %7d%n", "TOTAL", "", "", pnl.realized(),
                pnl.unrealized(), pnl.fees(), pnl.total(), fills);
        out.println();
        RiskManager risk = pipeline.risk();
        ExecutionSimulator execution = pipeline.execution();
        StringBuilder reasons = new StringBuilder();
        for (Map.Entry<RiskRejectReason, Long> reason : new TreeMap<>(risk.rejectionsByReason()).entrySet()) {
            reasons.append(reasons.length() == 0 ? " (" : ", ").append(reason.getKey()).append(' ')
                    .append(reason.getValue());
        }
        if (reasons.length() > 0) {
            reasons.append(')');
        }
        out.printf(Locale.ROOT, "signals %,d: approved %,d, rejected %,d%s%n", pipeline.strategy().signals(),
                risk.approved(), risk.rejected(), reasons);
        out.printf(Locale.ROOT, "orders %,d: filled %,d, cancelled %,d; fills %,d%n", execution.orders(),
                execution.filledOrders(), execution.cancelledOrders(), execution.fills());
        out.printf(Locale.ROOT, "candles %,d, predictions %,d, errors %,d%n", pipeline.aggregator().published(),
                pipeline.model().predictions(), errors.get());
    }
}
