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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Valid events of every type for the tests of every module: one of each type, and ones at the
 * edges of what the records accept.
 */
public final class SampleEvents {

    /** Text the codecs must carry: accents, CJK, a supplementary-plane emoji (a surrogate pair), a snowman. */
    public static final String UNICODE = "\u00c9UR/\u5186\u00b7\uD83D\uDE80\u2603";

    /** An ordinary tick of ES, distinguished by {@code i}. */
    public static MarketDataEvent esTick(long i) {
        double mid = 6000.0 + (i % 100) * 0.25;
        return new MarketDataEvent(1_700_000_000_000_000_000L + i, "ES", mid, 1 + i % 7, mid - 0.25, 5, mid + 0.25, 6);
    }

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

    /** One ordinary event of each of the sixteen types, in {@link EventType} order. */
    public static List<Event> oneOfEach() {
        SignalEvent signal = new SignalEvent(10, 42, "mean-reversion", "ES", Side.BUY, 0.75, 3, 6000.25);
        List<Event> events = List.of(
                esTick(1),
                new AggregatedDataEvent(2, "ES", Duration.ofMinutes(1), 6000, 6002, 5999, 6001, 120, 6000.5, 37),
                new OrderBookEvent(3, "ES", List.of(new PriceLevel(5999.75, 10), new PriceLevel(5999.5, 4)),
                        List.of(new PriceLevel(6000.25, 7))),
                new FeatureEvent(4, "ES", Map.of("mid", 6000.0, "spread", 0.5, "imbalance", -0.2)),
                signal,
                new PredictionEvent(5, "gbm-v3", "ES", Duration.ofMillis(250), 0.0012, 0.66),
                new ApprovedSignalEvent(6, signal, 2),
                new RejectedSignalEvent(7, signal, RiskRejectReason.POSITION_LIMIT, "position 10 > limit 8"),
                new OrderEvent(8, 1001, 42, "ES", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 2, 6000.25, 0),
                new FillEvent(9, 5001, 1001, "ES", Side.BUY, 1, 6000.25, -0.15, Liquidity.MAKER, 1),
                new OrderUpdateEvent(10, 1001, "ES", OrderStatus.PARTIALLY_FILLED, 1, 1, 6000.25, ""),
                new MetricsEvent(11, "pnl", Map.of("realized", 125.5, "unrealized", -30.25)),
                new PerformanceEvent(12, "strategy", 1_000_000, 800, 4_000, 25_000, 3),
                new ConfigEvent(13, "risk", "max_position", "8", "10"),
                new HealthEvent(14, "gateway", HealthStatus.DEGRADED, "latency up"),
                new ErrorEvent(15, "gateway", Severity.ERROR, "java.io.IOException", "connection reset"));
        assertOneOfEach(events);
        return events;
    }

    /** For each type, events at the edges of what its record accepts. */
    public static List<Event> edgeCases() {
        double tiny = Double.MIN_VALUE;          // the smallest subnormal
        double huge = Double.MAX_VALUE;
        double smallNormal = Double.MIN_NORMAL;
        String longText = "x\u00e9\u5186".repeat(20_000);   // 120,000 UTF-8 bytes
        SignalEvent extremeSignal = new SignalEvent(Long.MAX_VALUE, Long.MAX_VALUE, UNICODE, UNICODE, Side.SELL,
                1.0, huge, tiny);
        SignalEvent tinySignal = new SignalEvent(0, 1, "s", "X", Side.BUY, 0.0, tiny, huge);

        List<PriceLevel> manyBids = new ArrayList<>();
        List<PriceLevel> manyAsks = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            manyBids.add(new PriceLevel(100_000.0 - i * 0.01, i * 1e-9));
            manyAsks.add(new PriceLevel(100_000.01 + i * 0.01, huge / (i + 1)));
        }
        Map<String, Double> manyFeatures = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            manyFeatures.put("f" + i + UNICODE, i % 2 == 0 ? -huge / (i + 1) : tiny * i);
        }
        List<Event> events = new ArrayList<>();
        events.add(new MarketDataEvent(0, UNICODE, 0, 0, 0, 0, 0, 0));
        events.add(new MarketDataEvent(Long.MAX_VALUE, longText, huge, huge, tiny, huge, huge, tiny));
        events.add(new MarketDataEvent(1, "-0", -0.0, -0.0, smallNormal, -0.0, smallNormal, -0.0));
        events.add(new AggregatedDataEvent(Long.MAX_VALUE, UNICODE, Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
                tiny, huge, tiny, huge, 0, huge, Long.MAX_VALUE));
        events.add(new AggregatedDataEvent(0, "A", Duration.ofNanos(1), 1, 1, 1, 1, tiny, 1, 0));
        events.add(new OrderBookEvent(0, UNICODE, List.of(), List.of()));
        events.add(new OrderBookEvent(Long.MAX_VALUE, "ES", manyBids, manyAsks));
        events.add(new FeatureEvent(0, UNICODE, Map.of()));
        events.add(new FeatureEvent(Long.MAX_VALUE, "ES", manyFeatures));
        events.add(extremeSignal);
        events.add(tinySignal);
        events.add(new PredictionEvent(0, UNICODE, longText, Duration.ofNanos(1), -huge, 0.0));
        events.add(new PredictionEvent(Long.MAX_VALUE, "m", "X", Duration.ofSeconds(Long.MAX_VALUE), -0.0, 1.0));
        events.add(new ApprovedSignalEvent(Long.MAX_VALUE, extremeSignal, huge));
        events.add(new ApprovedSignalEvent(0, tinySignal, tiny));
        events.add(new RejectedSignalEvent(0, tinySignal, RiskRejectReason.OTHER, ""));
        events.add(new RejectedSignalEvent(Long.MAX_VALUE, extremeSignal, RiskRejectReason.STALE_SIGNAL, longText));
        events.add(new OrderEvent(0, 1, 0, UNICODE, Side.SELL, OrderType.MARKET, TimeInForce.FILL_OR_KILL, tiny, 0, 0));
        events.add(new OrderEvent(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, "X", Side.BUY, OrderType.STOP_LIMIT,
                TimeInForce.GOOD_TILL_CANCEL, huge, huge, tiny));
        events.add(new FillEvent(0, 1, 1, UNICODE, Side.SELL, tiny, tiny, -huge, Liquidity.TAKER, 0));
        events.add(new FillEvent(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, "X", Side.BUY, huge, huge, -0.0,
                Liquidity.MAKER, huge));
        events.add(new OrderUpdateEvent(0, 1, UNICODE, OrderStatus.EXPIRED, 0, 0, 0, ""));
        events.add(new OrderUpdateEvent(Long.MAX_VALUE, Long.MAX_VALUE, "X", OrderStatus.REJECTED, huge, tiny, huge,
                longText));
        events.add(new MetricsEvent(0, UNICODE, Map.of()));
        events.add(new MetricsEvent(Long.MAX_VALUE, "pnl", manyFeatures));
        events.add(new PerformanceEvent(0, UNICODE, 0, 0, 0, 0, 0));
        events.add(new PerformanceEvent(Long.MAX_VALUE, "X", huge, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
                Long.MAX_VALUE));
        events.add(new ConfigEvent(0, UNICODE, UNICODE, "", ""));
        events.add(new ConfigEvent(Long.MAX_VALUE, "c", "k", longText, longText));
        events.add(new HealthEvent(0, UNICODE, HealthStatus.UNHEALTHY, ""));
        events.add(new HealthEvent(Long.MAX_VALUE, "c", HealthStatus.HEALTHY, longText));
        events.add(new ErrorEvent(0, UNICODE, Severity.FATAL, UNICODE, ""));
        events.add(new ErrorEvent(Long.MAX_VALUE, "c", Severity.WARNING, "E", longText));
        assertOneOfEach(events);
        return events;
    }

    private static void assertOneOfEach(List<Event> events) {
        Set<EventType> seen = EnumSet.noneOf(EventType.class);
        for (Event event : events) {
            seen.add(event.type());
        }
        if (!seen.equals(EnumSet.allOf(EventType.class))) {
            throw new AssertionError("test events miss types " + EnumSet.complementOf(EnumSet.copyOf(seen)));
        }
    }
}
