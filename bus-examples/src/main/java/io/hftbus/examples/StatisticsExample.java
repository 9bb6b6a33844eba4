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
 * The code of {@code docs/statistics.md}, compiled and run by {@code ExampleMainsTest}: a
 * {@link StatsCollector} given to the builder, the same through Dagger's {@link StatsModule},
 * latency percentiles, and the periodic {@link StatsReporter}.
 */
public final class StatisticsExample {

    // tag::component[]
    @Singleton
    @Component(modules = {CoreModule.class, StatsModule.class})
    interface TradingBus {
        EventBus bus();
        BusStats stats();                // the api view: snapshot(), of(type), lane(priority)
        StatsCollector statsCollector(); // the same instance, for a StatsReporter
    }
    // end::component[]

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
        // tag::without-dagger[]
        StatsCollector stats = new StatsCollector();
        try (EventBus bus = EventBus.builder().observer(stats).build()) {
            bus.subscribe(MarketDataEvent.class, envelope -> { });
            publishTicks(bus);
        }   // close() delivers everything accepted: the counts below are final

        StatsSnapshot snapshot = stats.snapshot();
        for (TypeStats type : snapshot.types()) {
            System.out.printf("%s: published=%d, received=%d, dropped=%d%n",
                    type.type(), type.published(), type.received(), type.dropped());
        }
        // end::without-dagger[]

        // tag::latency[]
        LatencySnapshot md = stats.of(EventType.MARKET_DATA).latency();
        System.out.printf("market data: p50=%dns p99=%dns p99.9=%dns max=%dns over %d envelopes%n",
                md.p50(), md.p99(), md.p999(), md.max(), md.count());
        // end::latency[]
    }

    private static void withDagger() {
        // tag::with-dagger[]
        TradingBus app = DaggerStatisticsExample_TradingBus.create();
        // end::with-dagger[]
        EventBus bus = app.bus();
        // tag::reporter[]
        StatsReporter reporter = StatsReporter.start(app.statsCollector(), Duration.ofSeconds(10),
                line -> System.out.println("report: " + line));
        // end::reporter[]
        bus.subscribe(OrderEvent.class, envelope -> { });
        bus.publish(new OrderEvent(1L, 1L, 1L, "ES", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 1, 6000.0, 0.0));
        bus.close();
        // tag::reporter-close[]
        reporter.close();   // one last line, for the time since the previous one
        // end::reporter-close[]
        // tag::of-type[]
        TypeStats orders = app.stats().of(EventType.ORDER);
        // end::of-type[]
        System.out.printf("orders: published=%d, received=%d, p99=%dns%n", orders.published(), orders.received(),
                orders.latency().p99());
    }

    private static void publishTicks(EventBus bus) {
        for (int i = 0; i < TICKS; i++) {
            double mid = 6000.0 + (i % 8) * 0.25;
            bus.publish(new MarketDataEvent(1_234_567_890L + i, "ES", mid, 1.0, mid - 0.125, 5.0, mid + 0.125, 5.0));
        }
    }
}
