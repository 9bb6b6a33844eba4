package io.hftbus.examples.pipeline;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.ApprovedSignalEvent;
import io.hftbus.api.event.FeatureEvent;
import io.hftbus.api.event.RejectedSignalEvent;
import io.hftbus.api.event.RiskRejectReason;
import io.hftbus.api.event.Side;
import io.hftbus.api.event.SignalEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The strategy engine: mean reversion on the z-score of the mid against its slow EMA. Flat, it sells
 * one unit when the price is {@code entryZ} deviations rich and buys one when it is as cheap; in a
 * position it adds a unit when the deviation stretches past {@code addZ} (up to {@code maxUnits})
 * and closes the whole position once the deviation has come back within {@code exitZ}. At most one
 * signal per symbol per {@code cooldown} of event time.
 *
 * <p><b>Position.</b> The strategy trades from the position the risk manager granted it: an
 * approval moves it by the approved quantity (which may be less than asked), a rejection not at
 * all. After a {@code POSITION_LIMIT} rejection it stops adding until the position changes.
 *
 * <p><b>Determinism.</b> The risk decision on a signal reaches the strategy some events later,
 * how many depending on how the bus interleaved its lanes. So that this does not change what the
 * strategy does, a symbol with a signal awaiting its decision buffers its features, and replays
 * them once the decision is in: every feature of a symbol is seen after the decisions on all
 * earlier signals of that symbol, exactly as if the risk manager answered synchronously. The
 * strategy's output is then a function of the feature stream alone.
 */
public final class MeanReversionStrategy extends Stage {

    /** The stage name. */
    public static final String NAME = "strategy";

    /** The strategy id on its signals. */
    public static final String STRATEGY_ID = "meanrev-z";

    /**
     * The strategy's parameters.
     *
     * @param entryZ   deviation that opens a position, positive
     * @param addZ     deviation that adds a unit, at least {@code entryZ}
     * @param exitZ    deviation within which the position is closed, below {@code entryZ}, non-negative
     * @param unit     contracts per signal, positive
     * @param maxUnits most units held, positive
     * @param cooldown least event time between two signals of a symbol, non-negative
     */
    public record Settings(double entryZ, double addZ, double exitZ, double unit, int maxUnits, Duration cooldown) {

        /** Validates the parameters. */
        public Settings {
            if (!(entryZ > 0.0) || !(addZ >= entryZ) || !(exitZ >= 0.0 && exitZ < entryZ)) {
                throw new IllegalArgumentException("Settings must satisfy 0 <= exitZ < entryZ <= addZ but had entryZ="
                        + entryZ + " addZ=" + addZ + " exitZ=" + exitZ);
            }
            if (!(unit > 0.0) || Double.isInfinite(unit)) {
                throw new IllegalArgumentException("Settings.unit must be finite and > 0 but was " + unit);
            }
            if (maxUnits <= 0) {
                throw new IllegalArgumentException("Settings.maxUnits must be > 0 but was " + maxUnits);
            }
            if (cooldown == null || cooldown.isNegative()) {
                throw new IllegalArgumentException("Settings.cooldown must be >= 0 but was " + cooldown);
            }
        }

        /** Entry at 2 deviations, adds at 3, exit within 0.3; one contract a unit, three units at most; 250 ms apart. */
        public static Settings defaults() {
            return new Settings(2.0, 3.0, 0.3, 1.0, 3, Duration.ofMillis(250));
        }
    }

    private final Settings settings;
    private final long cooldownNanos;
    private final Map<String, SymbolBook> books = new HashMap<>();
    private long nextSignalId = 1;

    /**
     * @param bus      the bus
     * @param settings the parameters
     */
    public MeanReversionStrategy(EventBus bus, Settings settings) {
        super(NAME, bus);
        this.settings = settings;
        this.cooldownNanos = settings.cooldown().toNanos();
    }

    @Override
    protected void subscribeHandlers() {
        on(FeatureEvent.class, this::onFeature);
        on(ApprovedSignalEvent.class, approved -> onDecision(approved.signal(), approved.approvedQuantity(), null));
        on(RejectedSignalEvent.class, rejected -> onDecision(rejected.signal(), 0.0, rejected.reason()));
    }

    private void onFeature(FeatureEvent feature) {
        SymbolBook book = books.computeIfAbsent(feature.symbol(), symbol -> new SymbolBook());
        if (book.awaitedSignalId != 0) {
            book.buffered.addLast(feature);
            return;
        }
        evaluate(book, feature);
    }

    private void onDecision(SignalEvent signal, double approvedQuantity, RiskRejectReason rejection) {
        if (!STRATEGY_ID.equals(signal.strategyId())) {
            return;
        }
        SymbolBook book = books.get(signal.symbol());
        if (book == null || book.awaitedSignalId != signal.signalId()) {
            throw new IllegalStateException("decision on signal " + signal.signalId() + " for " + signal.symbol()
                    + " that the strategy is not waiting for");
        }
        book.awaitedSignalId = 0;
        if (approvedQuantity > 0.0) {
            book.position += signal.side().sign() * approvedQuantity;
            book.addsBlocked = false;
        } else if (rejection == RiskRejectReason.POSITION_LIMIT) {
            book.addsBlocked = true;
        }
        while (book.awaitedSignalId == 0 && !book.buffered.isEmpty()) {
            evaluate(book, book.buffered.pollFirst());
        }
    }

    private void evaluate(SymbolBook book, FeatureEvent feature) {
        double z = feature.feature(Features.ZSCORE, 0.0);
        double mid = feature.feature(Features.MID, Double.NaN);
        if (z == 0.0 || !(mid > 0.0) || feature.timestamp() - book.lastSignalNanos < cooldownNanos) {
            return;
        }
        double unit = settings.unit();
        double maxPosition = unit * settings.maxUnits();
        double position = book.position;
        double delta = 0.0;
        if (position == 0.0) {
            if (z >= settings.entryZ()) {
                delta = -unit;
            } else if (z <= -settings.entryZ()) {
                delta = unit;
            }
        } else if (position > 0.0) {
            if (z >= -settings.exitZ()) {
                delta = -position;
            } else if (z <= -settings.addZ() && position + unit <= maxPosition && !book.addsBlocked) {
                delta = unit;
            }
        } else {
            if (z <= settings.exitZ()) {
                delta = -position;
            } else if (z >= settings.addZ() && -position + unit <= maxPosition && !book.addsBlocked) {
                delta = -unit;
            }
        }
        if (delta == 0.0) {
            return;
        }
        long signalId = nextSignalId++;
        book.awaitedSignalId = signalId;
        book.lastSignalNanos = feature.timestamp();
        double strength = Math.min(1.0, Math.abs(z) / (2.0 * settings.entryZ()));
        bus.publish(new SignalEvent(feature.timestamp(), signalId, STRATEGY_ID, feature.symbol(),
                delta > 0.0 ? Side.BUY : Side.SELL, strength, Math.abs(delta), mid));
    }

    /** Signals emitted; read on the dispatch thread or after the bus has closed. */
    public long signals() {
        return nextSignalId - 1;
    }

    private static final class SymbolBook {
        double position;
        long awaitedSignalId;
        long lastSignalNanos = Long.MIN_VALUE / 2;
        boolean addsBlocked;
        final ArrayDeque<FeatureEvent> buffered = new ArrayDeque<>();
    }
}
