package io.hftbus.examples.pipeline;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.FeatureEvent;
import io.hftbus.api.event.PredictionEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * A small online model: predicts the mid's log return over {@code horizon} from three features (the
 * z-score, the book imbalance and the microprice's lean within the spread) with a linear model
 * fitted as it goes by normalised least mean squares. Each sample is scored once its horizon has
 * passed in event time, and the weights move toward the return that came. Every {@code every}-th
 * feature of a symbol yields a {@link PredictionEvent}, whose confidence is the recent share of
 * predictions that had the sign of the return that followed.
 */
public final class ReturnModel extends Stage {

    /** The stage name. */
    public static final String NAME = "model";

    /** The model id on its predictions. */
    public static final String MODEL_ID = "nlms-3f";

    private static final int INPUTS = 3;
    private static final double LEARNING_RATE = 0.05;
    private static final double HIT_RATE_WEIGHT = 0.02;

    private final Duration horizon;
    private final long horizonNanos;
    private final int every;
    private final Map<String, SymbolModel> models = new HashMap<>();
    private long predictions;

    /**
     * @param bus     the bus
     * @param horizon how far ahead the model predicts, positive
     * @param every   a prediction per this many features of a symbol, positive
     */
    public ReturnModel(EventBus bus, Duration horizon, int every) {
        super(NAME, bus);
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("horizon must be positive but was " + horizon);
        }
        if (every <= 0) {
            throw new IllegalArgumentException("every must be > 0 but was " + every);
        }
        this.horizon = horizon;
        this.horizonNanos = horizon.toNanos();
        this.every = every;
    }

    @Override
    protected void subscribeHandlers() {
        on(FeatureEvent.class, this::onFeature);
    }

    private void onFeature(FeatureEvent feature) {
        double mid = feature.feature(Features.MID, Double.NaN);
        double spread = feature.feature(Features.SPREAD, 0.0);
        if (!(mid > 0.0) || !(spread > 0.0)) {
            return;
        }
        SymbolModel model = models.computeIfAbsent(feature.symbol(), symbol -> new SymbolModel());
        model.learnUpTo(feature.timestamp(), mid);
        if (++model.features % every != 0) {
            return;
        }
        double[] inputs = {
                feature.feature(Features.ZSCORE, 0.0),
                feature.feature(Features.BOOK_IMBALANCE, 0.0),
                (feature.feature(Features.MICROPRICE, mid) - mid) / spread};
        double predicted = model.predict(inputs);
        model.pending.addLast(new Sample(feature.timestamp(), mid, inputs, predicted));
        bus.publish(new PredictionEvent(feature.timestamp(), MODEL_ID, feature.symbol(), horizon, predicted,
                model.hitRate));
        predictions++;
    }

    /** Predictions published; read on the dispatch thread or after the bus has closed. */
    public long predictions() {
        return predictions;
    }

    private record Sample(long timestamp, double mid, double[] inputs, double predicted) {
    }

    private final class SymbolModel {
        final double[] weights = new double[INPUTS];
        final ArrayDeque<Sample> pending = new ArrayDeque<>();
        long features;
        double hitRate = 0.5;
        // Returns are a few basis points; the model learns them scaled up to order one.
        static final double SCALE = 1e4;

        double predict(double[] inputs) {
            double sum = 0.0;
            for (int i = 0; i < INPUTS; i++) {
                sum += weights[i] * inputs[i];
            }
            return sum / SCALE;
        }

        void learnUpTo(long nowNanos, double mid) {
            while (!pending.isEmpty() && nowNanos - pending.peekFirst().timestamp() >= horizonNanos) {
                Sample sample = pending.pollFirst();
                double realized = Math.log(mid / sample.mid());
                if (sample.predicted() != 0.0 && realized != 0.0) {
                    double hit = Math.signum(sample.predicted()) == Math.signum(realized) ? 1.0 : 0.0;
                    hitRate += HIT_RATE_WEIGHT * (hit - hitRate);
                }
                double error = realized * SCALE - predict(sample.inputs()) * SCALE;
                double norm = 1e-6;
                for (double input : sample.inputs()) {
                    norm += input * input;
                }
                for (int i = 0; i < INPUTS; i++) {
                    weights[i] += LEARNING_RATE * error * sample.inputs()[i] / norm;
                }
            }
        }
    }
}
