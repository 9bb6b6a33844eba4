package io.hftbus.bench.journal;

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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal's first codec, written by hand: three switches over the sixteen types. Kept here as
 * the measure of what a codec generated at compile time (an annotation processor) would cost, since
 * that is the straight-line code such a generator emits; its bytes are those of
 * {@link io.hftbus.codec.EventCodec}'s bodies. A benchmark baseline only.
 */
public final class HandWrittenCodec {

    private static final int LONG = Long.BYTES;
    private static final int DOUBLE = Double.BYTES;
    private static final int INT = Integer.BYTES;
    private static final int ENUM = 1;
    private static final int DURATION = LONG + INT;
    private static final int PRICE_LEVEL = 2 * DOUBLE;

    private static final Side[] SIDES = Side.values();
    private static final OrderType[] ORDER_TYPES = OrderType.values();
    private static final TimeInForce[] TIME_IN_FORCES = TimeInForce.values();
    private static final OrderStatus[] ORDER_STATUSES = OrderStatus.values();
    private static final Liquidity[] LIQUIDITIES = Liquidity.values();
    private static final RiskRejectReason[] REJECT_REASONS = RiskRejectReason.values();
    private static final HealthStatus[] HEALTH_STATUSES = HealthStatus.values();
    private static final Severity[] SEVERITIES = Severity.values();

    private HandWrittenCodec() {
    }

    // ------------------------------------------------------------------------------------------------
    // Size

    /** The number of bytes {@link #encode} writes for {@code event}. */
    public static int encodedSize(Event event) {
        switch (event.type()) {
            case MARKET_DATA: {
                MarketDataEvent e = (MarketDataEvent) event;
                return LONG + string(e.symbol()) + 6 * DOUBLE;
            }
            case AGGREGATED_DATA: {
                AggregatedDataEvent e = (AggregatedDataEvent) event;
                return LONG + string(e.symbol()) + DURATION + 6 * DOUBLE + LONG;
            }
            case ORDER_BOOK: {
                OrderBookEvent e = (OrderBookEvent) event;
                return LONG + string(e.symbol()) + INT + e.bids().size() * PRICE_LEVEL
                        + INT + e.asks().size() * PRICE_LEVEL;
            }
            case FEATURE: {
                FeatureEvent e = (FeatureEvent) event;
                return LONG + string(e.symbol()) + map(e.features());
            }
            case SIGNAL:
                return signal((SignalEvent) event);
            case PREDICTION: {
                PredictionEvent e = (PredictionEvent) event;
                return LONG + string(e.modelId()) + string(e.symbol()) + DURATION + 2 * DOUBLE;
            }
            case APPROVED_SIGNAL: {
                ApprovedSignalEvent e = (ApprovedSignalEvent) event;
                return LONG + signal(e.signal()) + DOUBLE;
            }
            case REJECTED_SIGNAL: {
                RejectedSignalEvent e = (RejectedSignalEvent) event;
                return LONG + signal(e.signal()) + ENUM + string(e.detail());
            }
            case ORDER: {
                OrderEvent e = (OrderEvent) event;
                return 3 * LONG + string(e.symbol()) + 3 * ENUM + 3 * DOUBLE;
            }
            case FILL: {
                FillEvent e = (FillEvent) event;
                return 3 * LONG + string(e.symbol()) + ENUM + 3 * DOUBLE + ENUM + DOUBLE;
            }
            case ORDER_UPDATE: {
                OrderUpdateEvent e = (OrderUpdateEvent) event;
                return 2 * LONG + string(e.symbol()) + ENUM + 3 * DOUBLE + string(e.reason());
            }
            case METRICS: {
                MetricsEvent e = (MetricsEvent) event;
                return LONG + string(e.source()) + map(e.values());
            }
            case PERFORMANCE: {
                PerformanceEvent e = (PerformanceEvent) event;
                return LONG + string(e.component()) + DOUBLE + 4 * LONG;
            }
            case CONFIG: {
                ConfigEvent e = (ConfigEvent) event;
                return LONG + string(e.component()) + string(e.key()) + string(e.previousValue()) + string(e.value());
            }
            case HEALTH: {
                HealthEvent e = (HealthEvent) event;
                return LONG + string(e.component()) + ENUM + string(e.detail());
            }
            case ERROR: {
                ErrorEvent e = (ErrorEvent) event;
                return LONG + string(e.component()) + ENUM + string(e.errorType()) + string(e.message());
            }
            default:
                throw new AssertionError(event.type());
        }
    }

    private static int signal(SignalEvent e) {
        return 2 * LONG + string(e.strategyId()) + string(e.symbol()) + ENUM + 3 * DOUBLE;
    }

    private static int string(String s) {
        return INT + HandWrittenUtf8.encodedLength(s);
    }

    private static int map(Map<String, Double> values) {
        int size = INT;
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            size += string(entry.getKey()) + DOUBLE;
        }
        return size;
    }

    // ------------------------------------------------------------------------------------------------
    // Encoding

    /** Writes the body of {@code event} at {@code out}'s position, which advances by {@link #encodedSize}. */
    public static void encode(Event event, ByteBuffer out) {
        switch (event.type()) {
            case MARKET_DATA: {
                MarketDataEvent e = (MarketDataEvent) event;
                out.putLong(e.timestamp());
                HandWrittenUtf8.put(e.symbol(), out);
                out.putDouble(e.price()).putDouble(e.volume()).putDouble(e.bidPrice()).putDouble(e.bidSize())
                        .putDouble(e.askPrice()).putDouble(e.askSize());
                return;
            }
            case AGGREGATED_DATA: {
                AggregatedDataEvent e = (AggregatedDataEvent) event;
                out.putLong(e.timestamp());
                HandWrittenUtf8.put(e.symbol(), out);
                putDuration(e.interval(), out);
                out.putDouble(e.open()).putDouble(e.high()).putDouble(e.low()).putDouble(e.close())
                        .putDouble(e.volume()).putDouble(e.vwap()).putLong(e.tradeCount());
                return;
            }
            case ORDER_BOOK: {
                OrderBookEvent e = (OrderBookEvent) event;
                out.putLong(e.timestamp());
                HandWrittenUtf8.put(e.symbol(), out);
                putLevels(e.bids(), out);
                putLevels(e.asks(), out);
                return;
            }
            case FEATURE: {
                FeatureEvent e = (FeatureEvent) event;
                out.putLong(e.timestamp());
                HandWrittenUtf8.put(e.symbol(), out);
                putMap(e.features(), out);
                return;
            }
            case SIGNAL:
                putSignal((SignalEvent) event, out);
                return;
            case PREDICTION: {
                PredictionEvent e = (PredictionEvent) event;
                out.putLong(e.timestamp());
                HandWrittenUtf8.put(e.modelId(), out);
                HandWrittenUtf8.put(e.symbol(), out);
                putDuration(e.horizon(), out);
                out.putDouble(e.predictedReturn()).putDouble(e.confidence());
                return;
            }
            case APPROVED_SIGNAL: {
                ApprovedSignalEvent e = (ApprovedSignalEvent) event;
                out.putLong(e.timestamp());
                putSignal(e.signal(), out);
                out.putDouble(e.approvedQuantity());
                return;
            }
            case REJECTED_SIGNAL: {
                RejectedSignalEvent e = (RejectedSignalEvent) event;
                out.putLong(e.timestamp());
                putSignal(e.signal(), out);
                putEnum(e.reason(), out);
                HandWrittenUtf8.put(e.detail(), out);
                return;
            }
            case ORDER: {
                OrderEvent e = (OrderEvent) event;
                out.putLong(e.timestamp()).putLong(e.orderId()).putLong(e.signalId());
                HandWrittenUtf8.put(e.symbol(), out);
                putEnum(e.side(), out);
                putEnum(e.orderType(), out);
                putEnum(e.timeInForce(), out);
                out.putDouble(e.quantity()).putDouble(e.limitPrice()).putDouble(e.stopPrice());
                return;
            }
            case FILL: {
                FillEvent e = (FillEvent) event;
                out.putLong(e.timestamp()).putLong(e.fillId()).putLong(e.orderId());
                HandWrittenUtf8.put(e.symbol(), out);
                putEnum(e.side(), out);
                out.putDouble(e.quantity()).putDouble(e.price()).putDouble(e.fee());
                putEnum(e.liquidity(), out);
                out.putDouble(e.remainingQuantity());
                return;
            }
            case ORDER_UPDATE: {
                OrderUpdateEvent e = (OrderUpdateEvent) event;
                out.putLong(e.timestamp()).putLong(e.orderId());
                HandWrittenUtf8.put(e.symbol(), out);
                putEnum(e.status(), out);
                out.putDouble(e.filledQuantity()).putDouble(e.remainingQuantity()).putDouble(e.averagePrice());
                HandWrittenUtf8.put(e.reason(), out);
                return;
            }
            case METRICS: {
                MetricsEvent e = (MetricsEvent) event;
                out.putLong(e.timestamp());
                HandWrittenUtf8.put(e.source(), out);
                putMap(e.values(), out);
                return;
            }
            case PERFORMANCE: {
                PerformanceEvent e = (PerformanceEvent) event;
                out.putLong(e.timestamp());
                HandWrittenUtf8.put(e.component(), out);
                out.putDouble(e.eventsPerSecond()).putLong(e.latencyP50Nanos()).putLong(e.latencyP99Nanos())
                        .putLong(e.latencyMaxNanos()).putLong(e.dropped());
                return;
            }
            case CONFIG: {
                ConfigEvent e = (ConfigEvent) event;
                out.putLong(e.timestamp());
                HandWrittenUtf8.put(e.component(), out);
                HandWrittenUtf8.put(e.key(), out);
                HandWrittenUtf8.put(e.previousValue(), out);
                HandWrittenUtf8.put(e.value(), out);
                return;
            }
            case HEALTH: {
                HealthEvent e = (HealthEvent) event;
                out.putLong(e.timestamp());
                HandWrittenUtf8.put(e.component(), out);
                putEnum(e.status(), out);
                HandWrittenUtf8.put(e.detail(), out);
                return;
            }
            case ERROR: {
                ErrorEvent e = (ErrorEvent) event;
                out.putLong(e.timestamp());
                HandWrittenUtf8.put(e.component(), out);
                putEnum(e.severity(), out);
                HandWrittenUtf8.put(e.errorType(), out);
                HandWrittenUtf8.put(e.message(), out);
                return;
            }
            default:
                throw new AssertionError(event.type());
        }
    }

    private static void putSignal(SignalEvent e, ByteBuffer out) {
        out.putLong(e.timestamp()).putLong(e.signalId());
        HandWrittenUtf8.put(e.strategyId(), out);
        HandWrittenUtf8.put(e.symbol(), out);
        putEnum(e.side(), out);
        out.putDouble(e.strength()).putDouble(e.quantity()).putDouble(e.referencePrice());
    }

    private static void putDuration(Duration duration, ByteBuffer out) {
        out.putLong(duration.getSeconds()).putInt(duration.getNano());
    }

    private static void putEnum(Enum<?> value, ByteBuffer out) {
        out.put((byte) value.ordinal());
    }

    private static void putLevels(List<PriceLevel> levels, ByteBuffer out) {
        int size = levels.size();
        out.putInt(size);
        for (int i = 0; i < size; i++) {
            PriceLevel level = levels.get(i);
            out.putDouble(level.price()).putDouble(level.size());
        }
    }

    private static void putMap(Map<String, Double> values, ByteBuffer out) {
        out.putInt(values.size());
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            HandWrittenUtf8.put(entry.getKey(), out);
            out.putDouble(entry.getValue());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Decoding

    /**
     * Reads the body of an event of {@code type} from {@code in}'s position to its limit.
     *
     * @throws IllegalArgumentException if the bytes are not a valid event of the type: a length
     *         or count beyond the bytes left, an unknown enum ordinal, bytes left over, or a value
     *         the record refuses (its constructor's message says which)
     * @throws NullPointerException     never for well-formed input; kept for the record checks
     * @throws java.nio.BufferUnderflowException if the bytes end inside a field
     */
    public static Event decode(EventType type, ByteBuffer in) {
        Event event = decodeBody(type, in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes left over after a " + type + " event");
        }
        return event;
    }

    private static Event decodeBody(EventType type, ByteBuffer in) {
        switch (type) {
            case MARKET_DATA:
                return new MarketDataEvent(in.getLong(), getString(in), in.getDouble(), in.getDouble(),
                        in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble());
            case AGGREGATED_DATA:
                return new AggregatedDataEvent(in.getLong(), getString(in), getDuration(in), in.getDouble(),
                        in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble(), in.getLong());
            case ORDER_BOOK:
                return new OrderBookEvent(in.getLong(), getString(in), getLevels(in), getLevels(in));
            case FEATURE:
                return new FeatureEvent(in.getLong(), getString(in), getMap(in));
            case SIGNAL:
                return getSignal(in);
            case PREDICTION:
                return new PredictionEvent(in.getLong(), getString(in), getString(in), getDuration(in),
                        in.getDouble(), in.getDouble());
            case APPROVED_SIGNAL:
                return new ApprovedSignalEvent(in.getLong(), getSignal(in), in.getDouble());
            case REJECTED_SIGNAL:
                return new RejectedSignalEvent(in.getLong(), getSignal(in), getEnum(REJECT_REASONS, in),
                        getString(in));
            case ORDER:
                return new OrderEvent(in.getLong(), in.getLong(), in.getLong(), getString(in), getEnum(SIDES, in),
                        getEnum(ORDER_TYPES, in), getEnum(TIME_IN_FORCES, in), in.getDouble(), in.getDouble(),
                        in.getDouble());
            case FILL:
                return new FillEvent(in.getLong(), in.getLong(), in.getLong(), getString(in), getEnum(SIDES, in),
                        in.getDouble(), in.getDouble(), in.getDouble(), getEnum(LIQUIDITIES, in), in.getDouble());
            case ORDER_UPDATE:
                return new OrderUpdateEvent(in.getLong(), in.getLong(), getString(in), getEnum(ORDER_STATUSES, in),
                        in.getDouble(), in.getDouble(), in.getDouble(), getString(in));
            case METRICS:
                return new MetricsEvent(in.getLong(), getString(in), getMap(in));
            case PERFORMANCE:
                return new PerformanceEvent(in.getLong(), getString(in), in.getDouble(), in.getLong(), in.getLong(),
                        in.getLong(), in.getLong());
            case CONFIG:
                return new ConfigEvent(in.getLong(), getString(in), getString(in), getString(in), getString(in));
            case HEALTH:
                return new HealthEvent(in.getLong(), getString(in), getEnum(HEALTH_STATUSES, in), getString(in));
            case ERROR:
                return new ErrorEvent(in.getLong(), getString(in), getEnum(SEVERITIES, in), getString(in),
                        getString(in));
            default:
                throw new AssertionError(type);
        }
    }

    private static SignalEvent getSignal(ByteBuffer in) {
        return new SignalEvent(in.getLong(), in.getLong(), getString(in), getString(in), getEnum(SIDES, in),
                in.getDouble(), in.getDouble(), in.getDouble());
    }

    private static Duration getDuration(ByteBuffer in) {
        long seconds = in.getLong();
        int nanos = in.getInt();
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("duration nanoseconds must be within [0, 999999999] but were " + nanos);
        }
        return Duration.ofSeconds(seconds, nanos);
    }

    private static <T extends Enum<T>> T getEnum(T[] values, ByteBuffer in) {
        int ordinal = in.get() & 0xFF;
        if (ordinal >= values.length) {
            throw new IllegalArgumentException(values[0].getDeclaringClass().getSimpleName() + " ordinal must be < "
                    + values.length + " but was " + ordinal);
        }
        return values[ordinal];
    }

    private static String getString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("string length must be within [0, " + in.remaining()
                    + "] (the bytes left) but was " + length);
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    private static List<PriceLevel> getLevels(ByteBuffer in) {
        int count = getCount(in, PRICE_LEVEL);
        List<PriceLevel> levels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            levels.add(new PriceLevel(in.getDouble(), in.getDouble()));
        }
        return levels;
    }

    private static Map<String, Double> getMap(ByteBuffer in) {
        int count = getCount(in, INT + DOUBLE);
        Map<String, Double> values = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            String name = getString(in);
            if (values.put(name, in.getDouble()) != null) {
                throw new IllegalArgumentException("map name '" + name + "' appears twice");
            }
        }
        return values;
    }

    /** Reads a count, refusing one that cannot fit in the bytes left (at {@code minBytesEach} per item). */
    private static int getCount(ByteBuffer in, int minBytesEach) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining() / minBytesEach) {
            throw new IllegalArgumentException("count must be within [0, " + in.remaining() / minBytesEach
                    + "] (what the bytes left can hold) but was " + count);
        }
        return count;
    }
}
