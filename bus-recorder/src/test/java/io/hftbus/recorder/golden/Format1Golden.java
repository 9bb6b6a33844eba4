package io.hftbus.recorder.golden;

import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import io.hftbus.api.event.AggregatedDataEvent;
import io.hftbus.api.event.ApprovedSignalEvent;
import io.hftbus.api.event.ConfigEvent;
import io.hftbus.api.event.ErrorEvent;
import io.hftbus.api.event.Event;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the format-1 golden journals under {@code src/test/resources/journals/format1/} hold. Frozen:
 * the files were written once, by the format-1 writer, and are read by every later version; this
 * list is what they must read back as, forever. Never edit it; a new golden file gets a new list.
 *
 * <p>{@code all-types.journal} holds {@link #envelopes()} in this order, then refusal records for
 * {@link #REFUSED} (the two envelopes a bus refused). {@code torn-tail.journal} is the same file cut
 * {@link #TORN_CUT} bytes before its end, inside its last record (the refusal of sequence 5 is
 * cut short), as a process killed while writing leaves it.
 */
public final class Format1Golden {

    /** Sequences of the envelopes whose refusal records follow the events. */
    public static final List<Long> REFUSED = List.of(1030L, 5L);

    /** How many bytes before the end of {@code all-types.journal} the torn copy is cut. */
    public static final int TORN_CUT = 12;

    /** A text with accents, CJK, a supplementary-plane character (a surrogate pair) and a snowman. */
    static final String UNICODE = "\u00c9UR/\u5186\u00b7\uD83D\uDE80\u2603";

    private Format1Golden() {
    }

    /** The recorded envelopes, in file order. */
    public static List<Envelope<?>> envelopes() {
        List<Event> events = events();
        List<Envelope<?>> envelopes = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            // Two publishers that claim sequences in blocks of 1024: gaps, and the blocks interleave.
            long sequence = (i % 2 == 0 ? 0 : 1024) + i / 2;
            long publishNanos = i == 7 ? Envelope.NOT_STAMPED : 5_000_000_000L + 250L * i;
            Priority priority = i % 5 == 0 ? Priority.values()[i % 4] : event.type().defaultPriority();
            envelopes.add(new Envelope<>(sequence, publishNanos, priority, event));
        }
        return envelopes;
    }

    /** Every type, with ordinary values, every enum constant, and the edges of what the records accept. */
    static List<Event> events() {
        double tiny = Double.MIN_VALUE;
        double huge = Double.MAX_VALUE;
        String longText = "x\u00e9\u5186".repeat(100);
        SignalEvent signal = new SignalEvent(10, 42, "mean-reversion", "ES", Side.BUY, 0.75, 3, 6000.25);
        SignalEvent extreme = new SignalEvent(Long.MAX_VALUE, Long.MAX_VALUE, UNICODE, UNICODE, Side.SELL, 1.0, huge,
                tiny);
        SignalEvent least = new SignalEvent(0, 1, "s", "X", Side.BUY, 0.0, tiny, huge);
        List<PriceLevel> bids = new ArrayList<>();
        List<PriceLevel> asks = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            bids.add(new PriceLevel(100_000.0 - i * 0.01, i * 1e-9));
            asks.add(new PriceLevel(100_000.01 + i * 0.01, huge / (i + 1)));
        }
        Map<String, Double> features = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            features.put("f" + i + UNICODE, i % 2 == 0 ? -huge / (i + 1) : tiny * i);
        }

        List<Event> events = new ArrayList<>();
        // One ordinary event of each type, in EventType order.
        events.add(new MarketDataEvent(1_700_000_000_000_000_001L, "ES", 6000.25, 3, 6000, 5, 6000.5, 6));
        events.add(new AggregatedDataEvent(2, "ES", Duration.ofMinutes(1), 6000, 6002, 5999, 6001, 120, 6000.5, 37));
        events.add(new OrderBookEvent(3, "ES", List.of(new PriceLevel(5999.75, 10), new PriceLevel(5999.5, 4)),
                List.of(new PriceLevel(6000.25, 7))));
        events.add(new FeatureEvent(4, "ES", Map.of("mid", 6000.0, "spread", 0.5, "imbalance", -0.2)));
        events.add(signal);
        events.add(new PredictionEvent(5, "gbm-v3", "ES", Duration.ofMillis(250), 0.0012, 0.66));
        events.add(new ApprovedSignalEvent(6, signal, 2));
        events.add(new RejectedSignalEvent(7, signal, RiskRejectReason.POSITION_LIMIT, "position 10 > limit 8"));
        events.add(new OrderEvent(8, 1001, 42, "ES", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 2, 6000.25, 0));
        events.add(new FillEvent(9, 5001, 1001, "ES", Side.BUY, 1, 6000.25, -0.15, Liquidity.MAKER, 1));
        events.add(new OrderUpdateEvent(10, 1001, "ES", OrderStatus.PARTIALLY_FILLED, 1, 1, 6000.25, ""));
        events.add(new MetricsEvent(11, "pnl", Map.of("realized", 125.5, "unrealized", -30.25)));
        events.add(new PerformanceEvent(12, "strategy", 1_000_000, 800, 4_000, 25_000, 3));
        events.add(new ConfigEvent(13, "risk", "max_position", "8", "10"));
        events.add(new HealthEvent(14, "gateway", HealthStatus.DEGRADED, "latency up"));
        events.add(new ErrorEvent(15, "gateway", Severity.ERROR, "java.io.IOException", "connection reset"));

        // Edges: extreme numbers, -0.0, subnormals, empty and long and non-ASCII text, empty and long lists.
        events.add(new MarketDataEvent(0, UNICODE, 0, 0, 0, 0, 0, 0));
        events.add(new MarketDataEvent(Long.MAX_VALUE, longText, huge, huge, tiny, huge, huge, tiny));
        events.add(new MarketDataEvent(1, "-0", -0.0, -0.0, Double.MIN_NORMAL, -0.0, Double.MIN_NORMAL, -0.0));
        events.add(new AggregatedDataEvent(Long.MAX_VALUE, UNICODE, Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
                tiny, huge, tiny, huge, 0, huge, Long.MAX_VALUE));
        events.add(new AggregatedDataEvent(0, "A", Duration.ofNanos(1), 1, 1, 1, 1, tiny, 1, 0));
        events.add(new OrderBookEvent(0, UNICODE, List.of(), List.of()));
        events.add(new OrderBookEvent(Long.MAX_VALUE, "ES", bids, asks));
        events.add(new FeatureEvent(0, UNICODE, Map.of()));
        events.add(new FeatureEvent(Long.MAX_VALUE, "ES", features));
        events.add(extreme);
        events.add(least);
        events.add(new PredictionEvent(0, UNICODE, longText, Duration.ofNanos(1), -huge, 0.0));
        events.add(new PredictionEvent(Long.MAX_VALUE, "m", "X", Duration.ofSeconds(Long.MAX_VALUE), -0.0, 1.0));
        events.add(new ApprovedSignalEvent(Long.MAX_VALUE, extreme, huge));
        events.add(new ApprovedSignalEvent(0, least, tiny));
        events.add(new MetricsEvent(0, UNICODE, Map.of()));
        events.add(new MetricsEvent(Long.MAX_VALUE, "pnl", features));
        events.add(new PerformanceEvent(0, UNICODE, 0, 0, 0, 0, 0));
        events.add(new PerformanceEvent(Long.MAX_VALUE, "X", huge, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
                Long.MAX_VALUE));
        events.add(new ConfigEvent(0, UNICODE, UNICODE, "", ""));
        events.add(new ConfigEvent(Long.MAX_VALUE, "c", "k", longText, longText));

        // Every constant of every enum, so that the file pins what each ordinal meant.
        for (RiskRejectReason reason : RiskRejectReason.values()) {
            events.add(new RejectedSignalEvent(reason.ordinal(), reason.ordinal() % 2 == 0 ? least : extreme, reason,
                    reason == RiskRejectReason.OTHER ? longText : reason.name()));
        }
        OrderType[] orderTypes = OrderType.values();
        TimeInForce[] timesInForce = TimeInForce.values();
        for (int i = 0; i < orderTypes.length; i++) {
            OrderType type = orderTypes[i];
            events.add(new OrderEvent(i == 0 ? 0 : Long.MAX_VALUE, i + 1L, i == 0 ? 0 : Long.MAX_VALUE,
                    i == 0 ? UNICODE : "X", Side.values()[i % 2], type, timesInForce[i], i == 0 ? tiny : huge,
                    type.requiresLimitPrice() ? huge : 0, type.requiresStopPrice() ? tiny : 0));
        }
        for (Liquidity liquidity : Liquidity.values()) {
            boolean maker = liquidity == Liquidity.MAKER;
            events.add(new FillEvent(maker ? 0 : Long.MAX_VALUE, 1, maker ? 1 : Long.MAX_VALUE, maker ? UNICODE : "X",
                    maker ? Side.SELL : Side.BUY, maker ? tiny : huge, maker ? tiny : huge, maker ? -huge : -0.0,
                    liquidity, maker ? 0 : huge));
        }
        for (OrderStatus status : OrderStatus.values()) {
            events.add(new OrderUpdateEvent(status.ordinal(), Long.MAX_VALUE - status.ordinal(),
                    status.ordinal() == 0 ? UNICODE : "X", status, huge, tiny, status.ordinal() * 0.5,
                    status == OrderStatus.REJECTED ? longText : ""));
        }
        for (HealthStatus status : HealthStatus.values()) {
            events.add(new HealthEvent(status == HealthStatus.HEALTHY ? Long.MAX_VALUE : 0, UNICODE, status,
                    status == HealthStatus.UNHEALTHY ? longText : ""));
        }
        for (Severity severity : Severity.values()) {
            events.add(new ErrorEvent(severity.ordinal(), "c", severity, severity == Severity.FATAL ? UNICODE : "E",
                    severity == Severity.WARNING ? longText : ""));
        }
        return events;
    }
}
