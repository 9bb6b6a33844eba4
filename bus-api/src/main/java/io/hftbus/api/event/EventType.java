package io.hftbus.api.event;

import io.hftbus.api.Priority;

/**
 * One constant per {@link Event} record, with the priority the bus gives it unless the publisher
 * names another.
 *
 * <p>The bus routes by {@link #ordinal()}: subscriber tables and statistics are arrays indexed by
 * it, so adding a type is adding a constant here and a record that returns it. Journals and the
 * wire name a type by its permanent {@link #wireCode()} instead, declared first beside each
 * constant; a new type takes a code never used before (see {@link WireCoded}).
 */
public enum EventType implements WireCoded {
    /** {@link MarketDataEvent}: ticks and quotes. */
    MARKET_DATA(0, MarketDataEvent.class, Priority.HIGH),
    /** {@link AggregatedDataEvent}: candles and VWAP. */
    AGGREGATED_DATA(1, AggregatedDataEvent.class, Priority.NORMAL),
    /** {@link OrderBookEvent}: book snapshots. */
    ORDER_BOOK(2, OrderBookEvent.class, Priority.HIGH),
    /** {@link FeatureEvent}: computed features. */
    FEATURE(3, FeatureEvent.class, Priority.NORMAL),
    /** {@link SignalEvent}: strategy signals. */
    SIGNAL(4, SignalEvent.class, Priority.NORMAL),
    /** {@link PredictionEvent}: model predictions. */
    PREDICTION(5, PredictionEvent.class, Priority.NORMAL),
    /** {@link ApprovedSignalEvent}: signals the risk manager let through. */
    APPROVED_SIGNAL(6, ApprovedSignalEvent.class, Priority.CRITICAL),
    /** {@link RejectedSignalEvent}: signals the risk manager refused. */
    REJECTED_SIGNAL(7, RejectedSignalEvent.class, Priority.CRITICAL),
    /** {@link OrderEvent}: order submissions. */
    ORDER(8, OrderEvent.class, Priority.CRITICAL),
    /** {@link FillEvent}: executions. */
    FILL(9, FillEvent.class, Priority.CRITICAL),
    /** {@link OrderUpdateEvent}: order status changes. */
    ORDER_UPDATE(10, OrderUpdateEvent.class, Priority.CRITICAL),
    /** {@link MetricsEvent}: trading metrics. */
    METRICS(11, MetricsEvent.class, Priority.LOW),
    /** {@link PerformanceEvent}: system performance figures. */
    PERFORMANCE(12, PerformanceEvent.class, Priority.LOW),
    /** {@link ConfigEvent}: configuration changes. */
    CONFIG(13, ConfigEvent.class, Priority.LOW),
    /** {@link HealthEvent}: health checks. */
    HEALTH(14, HealthEvent.class, Priority.LOW),
    /** {@link ErrorEvent}: error notifications. */
    ERROR(15, ErrorEvent.class, Priority.CRITICAL);

    private static final EventType[] VALUES = values();

    private final int wireCode;
    private final Class<? extends Event> eventClass;
    private final Priority defaultPriority;

    EventType(int wireCode, Class<? extends Event> eventClass, Priority defaultPriority) {
        this.wireCode = wireCode;
        this.eventClass = eventClass;
        this.defaultPriority = defaultPriority;
    }

    /** {@inheritDoc} */
    @Override
    public int wireCode() {
        return wireCode;
    }

    /**
     * The type whose {@link #wireCode()} is {@code code}.
     *
     * @throws IllegalArgumentException if no type has that code
     */
    public static EventType ofWireCode(int code) {
        for (EventType type : VALUES) {
            if (type.wireCode == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("no EventType has wire code " + code);
    }

    /** The record class of this type. */
    public Class<? extends Event> eventClass() {
        return eventClass;
    }

    /** The lane an event of this type takes when its publisher names no priority. */
    public Priority defaultPriority() {
        return defaultPriority;
    }

    /** The number of event types; the length of every array indexed by {@link #ordinal()}. */
    public static int count() {
        return VALUES.length;
    }

    /** The type whose ordinal is {@code ordinal}, without the copy that {@link #values()} makes. */
    public static EventType ofOrdinal(int ordinal) {
        if (ordinal < 0 || ordinal >= VALUES.length) {
            throw new IllegalArgumentException(
                    "EventType ordinal must be within [0, " + (VALUES.length - 1) + "] but was " + ordinal);
        }
        return VALUES[ordinal];
    }

    /**
     * The type of the record class {@code eventClass}.
     *
     * @throws NullPointerException     if {@code eventClass} is null
     * @throws IllegalArgumentException if it is not one of the sixteen records (for example the
     *                                  {@code Event} interface itself)
     */
    public static EventType of(Class<? extends Event> eventClass) {
        if (eventClass == null) {
            throw new NullPointerException("eventClass must not be null");
        }
        for (EventType type : VALUES) {
            if (type.eventClass == eventClass) {
                return type;
            }
        }
        throw new IllegalArgumentException(
                "eventClass must be one of the event records but was " + eventClass.getName());
    }
}
