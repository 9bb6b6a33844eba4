package io.hftbus.api.event;

import io.hftbus.api.Priority;

/**
 * One constant per {@link Event} record, with the priority the bus gives it unless the publisher
 * names another.
 *
 * <p>The bus routes by {@link #ordinal()}: subscriber tables and statistics are arrays indexed by
 * it, so adding a type is adding a constant here and a record that returns it.
 */
public enum EventType {
    /** {@link MarketDataEvent}: ticks and quotes. */
    MARKET_DATA(MarketDataEvent.class, Priority.HIGH),
    /** {@link AggregatedDataEvent}: candles and VWAP. */
    AGGREGATED_DATA(AggregatedDataEvent.class, Priority.NORMAL),
    /** {@link OrderBookEvent}: book snapshots. */
    ORDER_BOOK(OrderBookEvent.class, Priority.HIGH),
    /** {@link FeatureEvent}: computed features. */
    FEATURE(FeatureEvent.class, Priority.NORMAL),
    /** {@link SignalEvent}: strategy signals. */
    SIGNAL(SignalEvent.class, Priority.NORMAL),
    /** {@link PredictionEvent}: model predictions. */
    PREDICTION(PredictionEvent.class, Priority.NORMAL),
    /** {@link ApprovedSignalEvent}: signals the risk manager let through. */
    APPROVED_SIGNAL(ApprovedSignalEvent.class, Priority.CRITICAL),
    /** {@link RejectedSignalEvent}: signals the risk manager refused. */
    REJECTED_SIGNAL(RejectedSignalEvent.class, Priority.CRITICAL),
    /** {@link OrderEvent}: order submissions. */
    ORDER(OrderEvent.class, Priority.CRITICAL),
    /** {@link FillEvent}: executions. */
    FILL(FillEvent.class, Priority.CRITICAL),
    /** {@link OrderUpdateEvent}: order status changes. */
    ORDER_UPDATE(OrderUpdateEvent.class, Priority.CRITICAL),
    /** {@link MetricsEvent}: trading metrics. */
    METRICS(MetricsEvent.class, Priority.LOW),
    /** {@link PerformanceEvent}: system performance figures. */
    PERFORMANCE(PerformanceEvent.class, Priority.LOW),
    /** {@link ConfigEvent}: configuration changes. */
    CONFIG(ConfigEvent.class, Priority.LOW),
    /** {@link HealthEvent}: health checks. */
    HEALTH(HealthEvent.class, Priority.LOW),
    /** {@link ErrorEvent}: error notifications. */
    ERROR(ErrorEvent.class, Priority.CRITICAL);

    private static final EventType[] VALUES = values();

    private final Class<? extends Event> eventClass;
    private final Priority defaultPriority;

    EventType(Class<? extends Event> eventClass, Priority defaultPriority) {
        this.eventClass = eventClass;
        this.defaultPriority = defaultPriority;
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
