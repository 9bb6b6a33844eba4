package io.hftbus.testing;

import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import io.hftbus.api.event.AggregatedDataEvent;
import io.hftbus.api.event.ApprovedSignalEvent;
import io.hftbus.api.event.ConfigEvent;
import io.hftbus.api.event.ErrorEvent;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.FeatureEvent;
import io.hftbus.api.event.FillEvent;
import io.hftbus.api.event.HealthEvent;
import io.hftbus.api.event.HealthStatus;
import io.hftbus.api.event.Liquidity;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.MetricsEvent;
import io.hftbus.api.event.OrderBookEvent;
import io.hftbus.api.event.OrderEvent;
import io.hftbus.api.event.OrderStatus;
import io.hftbus.api.event.OrderType;
import io.hftbus.api.event.OrderUpdateEvent;
import io.hftbus.api.event.PerformanceEvent;
import io.hftbus.api.event.PredictionEvent;
import io.hftbus.api.event.PriceLevel;
import io.hftbus.api.event.RejectedSignalEvent;
import io.hftbus.api.event.RiskRejectReason;
import io.hftbus.api.event.Severity;
import io.hftbus.api.event.Side;
import io.hftbus.api.event.SignalEvent;
import io.hftbus.api.event.TimeInForce;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One valid instance of every event type, for tests. */
public final class SampleEvents {

    private SampleEvents() {
    }

    /** A valid event of {@code type}, distinguished by {@code n}. */
    public static Event of(EventType type, long n) {
        long ts = 1_700_000_000_000_000_000L + n;
        SignalEvent signal = new SignalEvent(ts, n + 1, "meanrev", "ES", Side.BUY, 0.5, 2.0, 6000.25);
        switch (type) {
            case MARKET_DATA:
                return new MarketDataEvent(ts, "ES", 6000.0 + n, 3.0, 5999.75, 12.0, 6000.25, 9.0);
            case AGGREGATED_DATA:
                return new AggregatedDataEvent(ts, "NQ", Duration.ofSeconds(1), 100.0, 101.0, 99.5, 100.5, 42.0,
                        100.25, 17);
            case ORDER_BOOK:
                return new OrderBookEvent(ts, "CL", List.of(new PriceLevel(70.01, 5), new PriceLevel(70.00, 8)),
                        List.of(new PriceLevel(70.02, 4), new PriceLevel(70.03, 11)));
            case FEATURE:
                return new FeatureEvent(ts, "GC", Map.of("mid", 2000.5, "spread", 0.2));
            case SIGNAL:
                return signal;
            case PREDICTION:
                return new PredictionEvent(ts, "linear", "ES", Duration.ofMillis(500), 0.0004, 0.7);
            case APPROVED_SIGNAL:
                return new ApprovedSignalEvent(ts, signal, 1.0);
            case REJECTED_SIGNAL:
                return new RejectedSignalEvent(ts, signal, RiskRejectReason.POSITION_LIMIT, "position 10 >= 10");
            case ORDER:
                return new OrderEvent(ts, n + 1, n + 1, "ES", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 1.0,
                        6000.25, 0.0);
            case FILL:
                return new FillEvent(ts, n + 1, n + 1, "ES", Side.BUY, 1.0, 6000.25, 0.35, Liquidity.TAKER, 0.0);
            case ORDER_UPDATE:
                return new OrderUpdateEvent(ts, n + 1, "ES", OrderStatus.FILLED, 1.0, 0.0, 6000.25, "");
            case METRICS:
                return new MetricsEvent(ts, "pnl", Map.of("realized", 12.5, "unrealized", -3.0));
            case PERFORMANCE:
                return new PerformanceEvent(ts, "bus", 1_000_000.0, 800, 4_000, 20_000, 0);
            case CONFIG:
                return new ConfigEvent(ts, "risk", "maxPosition", "10", "20");
            case HEALTH:
                return new HealthEvent(ts, "feed", HealthStatus.HEALTHY, "");
            case ERROR:
                return new ErrorEvent(ts, "execution", Severity.ERROR, "IllegalStateException", "venue down");
            default:
                throw new AssertionError(type);
        }
    }

    /**
     * A market data event of {@code symbol} with timestamp {@code n} and price {@code 1 + n}: the
     * {@code n}-th of a publisher that the symbol names.
     */
    public static MarketDataEvent tick(String symbol, long n) {
        return new MarketDataEvent(n, symbol, 1.0 + n, 1.0, 0.0, 0.0, 0.0, 0.0);
    }

    /** {@code count} ticks, the i-th {@code tick(i)}: made up front, so that publishing them allocates nothing. */
    public static MarketDataEvent[] ticks(int count) {
        MarketDataEvent[] ticks = new MarketDataEvent[count];
        for (int i = 0; i < count; i++) {
            ticks[i] = tick(i);
        }
        return ticks;
    }

    /** A healthy report of {@code component} with timestamp {@code n}: the {@code n}-th of that component. */
    public static HealthEvent health(String component, long n) {
        return new HealthEvent(n, component, HealthStatus.HEALTHY, "");
    }

    /** {@code event} in the envelope a bus would give its observers: on the NORMAL lane, stamped {@code publishNanos}. */
    public static <E extends Event> Envelope<E> envelope(long sequence, long publishNanos, E event) {
        return new Envelope<>(sequence, publishNanos, Priority.NORMAL, event);
    }

    /** A market data event with price {@code 1 + n}: cheap, distinguishable, valid. */
    public static MarketDataEvent tick(long n) {
        return new MarketDataEvent(n, "ES", 1.0 + n, 1.0, 0.0, 0.0, 0.0, 0.0);
    }
}
