package io.hftbus.api.event;

import java.time.Duration;

/**
 * A model's forecast of an instrument's return over a horizon.
 *
 * @param timestamp       when the prediction was made, nanoseconds since the epoch, {@code >= 0}
 * @param modelId         the model, not blank
 * @param symbol          instrument, not blank
 * @param horizon         how far ahead the forecast looks, positive
 * @param predictedReturn forecast return over the horizon (0.001 is 10 basis points), finite
 * @param confidence      within {@code [0, 1]}
 */
public record PredictionEvent(long timestamp, String modelId, String symbol, Duration horizon,
                              double predictedReturn, double confidence) implements Event {

    private static final String NAME = "PredictionEvent";

    /** Validates every field. */
    public PredictionEvent {
        Checks.nonNegative(timestamp, NAME, "timestamp");
        Checks.nonBlank(modelId, NAME, "modelId");
        Checks.nonBlank(symbol, NAME, "symbol");
        Checks.nonNull(horizon, NAME, "horizon");
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException(NAME + ".horizon must be positive but was " + horizon);
        }
        Checks.finite(predictedReturn, NAME, "predictedReturn");
        Checks.inRange(confidence, 0.0, 1.0, NAME, "confidence");
    }

    @Override
    public EventType type() {
        return EventType.PREDICTION;
    }
}
