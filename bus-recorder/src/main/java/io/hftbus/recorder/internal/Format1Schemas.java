package io.hftbus.recorder.internal;

import io.hftbus.codec.FieldKind;
import io.hftbus.codec.RecordSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of every event body in journal format 1, which stored no schema: the records as they
 * were when format 1 was written, frozen here for good. A format-1 file is read as if it began
 * with these schemas, so it reads like a format-2 file of that time, whatever the records become.
 * Its enum ordinals are the wire codes of the constants (they were defined that way).
 *
 * <p>Never edit this table: it describes files that exist.
 */
public final class Format1Schemas {

    private static final FieldKind.Scalar LONG = FieldKind.Scalar.LONG;
    private static final FieldKind.Scalar DOUBLE = FieldKind.Scalar.DOUBLE;
    private static final FieldKind.Scalar STRING = FieldKind.Scalar.STRING;
    private static final FieldKind.Scalar DURATION = FieldKind.Scalar.DURATION;

    private static final FieldKind.RecordKind PRICE_LEVEL = nested(record("PriceLevel",
            field("price", DOUBLE),
            field("size", DOUBLE)));
    private static final FieldKind.RecordKind SIGNAL = nested(record("SignalEvent",
            field("timestamp", LONG),
            field("signalId", LONG),
            field("strategyId", STRING),
            field("symbol", STRING),
            field("side", enumOf("Side", "BUY", "SELL")),
            field("strength", DOUBLE),
            field("quantity", DOUBLE),
            field("referencePrice", DOUBLE)));

    /** By type code (a type's format-1 ordinal is its wire code). */
    public static final Map<Integer, RecordSchema> SCHEMAS;

    static {
        Map<Integer, RecordSchema> schemas = new HashMap<>();
        put(schemas, 0, record("MarketDataEvent",
                field("timestamp", LONG),
                field("symbol", STRING),
                field("price", DOUBLE),
                field("volume", DOUBLE),
                field("bidPrice", DOUBLE),
                field("bidSize", DOUBLE),
                field("askPrice", DOUBLE),
                field("askSize", DOUBLE)));
        put(schemas, 1, record("AggregatedDataEvent",
                field("timestamp", LONG),
                field("symbol", STRING),
                field("interval", DURATION),
                field("open", DOUBLE),
                field("high", DOUBLE),
                field("low", DOUBLE),
                field("close", DOUBLE),
                field("volume", DOUBLE),
                field("vwap", DOUBLE),
                field("tradeCount", LONG)));
        put(schemas, 2, record("OrderBookEvent",
                field("timestamp", LONG),
                field("symbol", STRING),
                field("bids", list(PRICE_LEVEL)),
                field("asks", list(PRICE_LEVEL))));
        put(schemas, 3, record("FeatureEvent",
                field("timestamp", LONG),
                field("symbol", STRING),
                field("features", map(STRING, DOUBLE))));
        put(schemas, 4, SIGNAL.schema());
        put(schemas, 5, record("PredictionEvent",
                field("timestamp", LONG),
                field("modelId", STRING),
                field("symbol", STRING),
                field("horizon", DURATION),
                field("predictedReturn", DOUBLE),
                field("confidence", DOUBLE)));
        put(schemas, 6, record("ApprovedSignalEvent",
                field("timestamp", LONG),
                field("signal", SIGNAL),
                field("approvedQuantity", DOUBLE)));
        put(schemas, 7, record("RejectedSignalEvent",
                field("timestamp", LONG),
                field("signal", SIGNAL),
                field("reason", enumOf("RiskRejectReason", "POSITION_LIMIT", "ORDER_SIZE_LIMIT", "NOTIONAL_LIMIT",
                        "LOSS_LIMIT", "TRADING_HALTED", "SYMBOL_NOT_ALLOWED", "STALE_SIGNAL", "OTHER")),
                field("detail", STRING)));
        put(schemas, 8, record("OrderEvent",
                field("timestamp", LONG),
                field("orderId", LONG),
                field("signalId", LONG),
                field("symbol", STRING),
                field("side", enumOf("Side", "BUY", "SELL")),
                field("orderType", enumOf("OrderType", "MARKET", "LIMIT", "STOP", "STOP_LIMIT")),
                field("timeInForce", enumOf("TimeInForce", "DAY", "GOOD_TILL_CANCEL", "IMMEDIATE_OR_CANCEL",
                        "FILL_OR_KILL")),
                field("quantity", DOUBLE),
                field("limitPrice", DOUBLE),
                field("stopPrice", DOUBLE)));
        put(schemas, 9, record("FillEvent",
                field("timestamp", LONG),
                field("fillId", LONG),
                field("orderId", LONG),
                field("symbol", STRING),
                field("side", enumOf("Side", "BUY", "SELL")),
                field("quantity", DOUBLE),
                field("price", DOUBLE),
                field("fee", DOUBLE),
                field("liquidity", enumOf("Liquidity", "MAKER", "TAKER")),
                field("remainingQuantity", DOUBLE)));
        put(schemas, 10, record("OrderUpdateEvent",
                field("timestamp", LONG),
                field("orderId", LONG),
                field("symbol", STRING),
                field("status", enumOf("OrderStatus", "PENDING_NEW", "NEW", "PARTIALLY_FILLED", "FILLED", "CANCELLED",
                        "REJECTED", "EXPIRED")),
                field("filledQuantity", DOUBLE),
                field("remainingQuantity", DOUBLE),
                field("averagePrice", DOUBLE),
                field("reason", STRING)));
        put(schemas, 11, record("MetricsEvent",
                field("timestamp", LONG),
                field("source", STRING),
                field("values", map(STRING, DOUBLE))));
        put(schemas, 12, record("PerformanceEvent",
                field("timestamp", LONG),
                field("component", STRING),
                field("eventsPerSecond", DOUBLE),
                field("latencyP50Nanos", LONG),
                field("latencyP99Nanos", LONG),
                field("latencyMaxNanos", LONG),
                field("dropped", LONG)));
        put(schemas, 13, record("ConfigEvent",
                field("timestamp", LONG),
                field("component", STRING),
                field("key", STRING),
                field("previousValue", STRING),
                field("value", STRING)));
        put(schemas, 14, record("HealthEvent",
                field("timestamp", LONG),
                field("component", STRING),
                field("status", enumOf("HealthStatus", "HEALTHY", "DEGRADED", "UNHEALTHY")),
                field("detail", STRING)));
        put(schemas, 15, record("ErrorEvent",
                field("timestamp", LONG),
                field("component", STRING),
                field("severity", enumOf("Severity", "WARNING", "ERROR", "FATAL")),
                field("errorType", STRING),
                field("message", STRING)));
        SCHEMAS = Collections.unmodifiableMap(schemas);
    }

    private Format1Schemas() {
    }

    private static void put(Map<Integer, RecordSchema> schemas, int typeCode, RecordSchema schema) {
        schemas.put(typeCode, schema);
    }

    private static RecordSchema record(String name, RecordSchema.Field... fields) {
        return new RecordSchema(name, List.of(fields));
    }

    private static RecordSchema.Field field(String name, FieldKind kind) {
        return new RecordSchema.Field(name, kind);
    }

    private static FieldKind.RecordKind nested(RecordSchema schema) {
        return new FieldKind.RecordKind(schema);
    }

    private static FieldKind.ListKind list(FieldKind element) {
        return new FieldKind.ListKind(element);
    }

    private static FieldKind.MapKind map(FieldKind key, FieldKind value) {
        return new FieldKind.MapKind(key, value);
    }

    /** An enum whose format-1 ordinals, the codes, are the positions of {@code names}. */
    private static FieldKind.EnumKind enumOf(String name, String... names) {
        List<FieldKind.EnumKind.Constant> constants = new ArrayList<>();
        for (int code = 0; code < names.length; code++) {
            constants.add(new FieldKind.EnumKind.Constant(code, names[code]));
        }
        return new FieldKind.EnumKind(name, constants);
    }
}
