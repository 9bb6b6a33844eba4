package io.hftbus.api.event;

/**
 * An event that travels on the bus: one of the sixteen records of the trading system.
 *
 * <p>The interface is sealed, so a {@code switch} over an {@code Event} is checked for
 * exhaustiveness by the compiler (on a JDK with pattern matching for switch), and the bus routes by
 * {@link #type()} with an array index instead of an {@code instanceof} chain.
 *
 * <p>Every implementation is an immutable record whose compact constructor validates its fields,
 * so an event that exists is a valid event, and it may be shared freely between threads.
 */
public sealed interface Event
        permits MarketDataEvent, AggregatedDataEvent, OrderBookEvent, FeatureEvent,
                SignalEvent, PredictionEvent, ApprovedSignalEvent, RejectedSignalEvent,
                OrderEvent, FillEvent, OrderUpdateEvent,
                MetricsEvent, PerformanceEvent,
                ConfigEvent, HealthEvent, ErrorEvent {

    /** The constant that names this record's type; constant per record class. */
    EventType type();

    /** When the event happened at its source, in nanoseconds since the Unix epoch. */
    long timestamp();
}
