package io.hftbus.api.event;

import java.util.Map;

/**
 * Trading metrics of one source (for example position, realized and unrealized PnL per symbol).
 *
 * @param timestamp when the metrics were taken, nanoseconds since the epoch, {@code >= 0}
 * @param source    who reports them, not blank
 * @param values    finite values by non-blank name; copied, immutable
 */
public record MetricsEvent(long timestamp, String source, Map<String, Double> values) implements Event {

    private static final String NAME = "MetricsEvent";

    /** Validates the fields; the map is copied. */
    public MetricsEvent {
        Checks.nonNegative(timestamp, NAME, "timestamp");
        Checks.nonBlank(source, NAME, "source");
        values = Checks.immutableFiniteMap(values, NAME, "values");
    }

    @Override
    public EventType type() {
        return EventType.METRICS;
    }
}
