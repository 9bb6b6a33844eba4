package io.hftbus.examples;

import dagger.Component;
import io.hftbus.api.EventBus;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.OrderEvent;
import io.hftbus.api.event.OrderType;
import io.hftbus.api.event.Side;
import io.hftbus.api.event.TimeInForce;
import io.hftbus.api.stats.BusStats;
import io.hftbus.api.stats.LatencySnapshot;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.api.stats.TypeStats;
import io.hftbus.core.CoreModule;
import io.hftbus.stats.StatsCollector;
import io.hftbus.stats.StatsModule;
import io.hftbus.stats.StatsReporter;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The README's statistics snippets, compiled and run: a {@link StatsCollector} given to the
 * builder and read like the original's {@code get_stats()}, the same through Dagger's
 * {@link StatsModule}, latency percentiles, and the periodic {@link StatsReporter}.
 */
public final class StatisticsExample {

    /** The README's component: the core's bus with the statistics module. */
    @Singleton
    @Component(modules = {CoreModule.class, StatsModule.class})
    interface TradingBus {

        /** The bus. */
        EventBus bus();

        /** The api view: snapshot(), of(type), lane(priority). */
        BusStats stats();

        /** The same instance, for the reporter. */
        StatsCollector statsCollector();
    }

    private static final int TICKS = 10_000;

    private StatisticsExample() {
    }

    /**
     * Runs the snippets.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        withoutDagger();
        withDagger();
    }

    private static void withoutDagger() {
        StatsCollector stats = new StatsCollector();
        EventBus bus = EventBus.builder().observer(stats).build();
        try {
            bus.subscribe(MarketDataEvent.class, envelope -> { });
            publishTicks(bus);
        } finally {
            // close() delivers everything accepted and joins the dispatch thread: the counts are final.
            bus.close();
        }

        StatsSnapshot snapshot = stats.snapshot();
        for (TypeStats type : snapshot.types()) {
            System.out.printf("%s: published=%d, received=%d, dropped=%d%n",
                    type.type(), type.published(), type.received(), type.dropped());
        }

        LatencySnapshot md = stats.of(EventType.MARKET_DATA).latency();
        System.out.printf("market data: p50=%dns p99=%dns p99.9=%dns max=%dns over %d deliveries%n",
                md.p50(), md.p99(), md.p999(), md.max(), md.count());
    }

    private static void withDagger() {
        TradingBus app = DaggerStatisticsExample_TradingBus.create();
        // The reporter prints one line per interval and a last one when closed.
        StatsReporter reporter = StatsReporter.start(app.statsCollector(), Duration.ofSeconds(10),
                line -> System.out.println("report: " + line));
        EventBus bus = app.bus();
        try {
            bus.subscribe(OrderEvent.class, envelope -> { });
            bus.publish(new OrderEvent(1L, 1L, 1L, "ES", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 1, 6000.0, 0.0));
        } finally {
            bus.close();
        }
        TypeStats orders = app.stats().of(EventType.ORDER);
        System.out.printf("orders: published=%d, received=%d, p99=%dns%n", orders.published(), orders.received(),
                orders.latency().p99());
        reporter.close();
    }

    private static void publishTicks(EventBus bus) {
        for (int i = 0; i < TICKS; i++) {
            double mid = 6000.0 + (i % 8) * 0.25;
            bus.publish(new MarketDataEvent(1_234_567_890L + i, "ES", mid, 1.0, mid - 0.125, 5.0, mid + 0.125, 5.0));
        }
    }
}
