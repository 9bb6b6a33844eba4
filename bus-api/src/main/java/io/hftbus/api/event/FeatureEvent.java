package io.hftbus.api.event;

import java.util.Map;

/**
 * Features computed for one instrument at one instant, by name (for example {@code mid},
 * {@code spread}, {@code ema_fast}, {@code book_imbalance}).
 *
 * @param timestamp when the features were computed, nanoseconds since the epoch, {@code >= 0}
 * @param symbol    instrument, not blank
 * @param features  finite values by non-blank name; copied, immutable
 */
public record FeatureEvent(long timestamp, String symbol, Map<String, Double> features) implements Event {

    private static final String NAME = "FeatureEvent";

    /** Validates the fields; the map is copied. */
    public FeatureEvent {
        Checks.nonNegative(timestamp, NAME, "timestamp");
        Checks.nonBlank(symbol, NAME, "symbol");
        features = Checks.immutableFiniteMap(features, NAME, "features");
    }

    /** The feature {@code name}, or {@code fallback} when it is absent. */
    public double feature(String name, double fallback) {
        Double value = features.get(name);
        return value == null ? fallback : value;
    }

    @Override
    public EventType type() {
        return EventType.FEATURE;
    }
}
