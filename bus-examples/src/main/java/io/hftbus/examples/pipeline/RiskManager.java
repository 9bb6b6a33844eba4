package io.hftbus.examples.pipeline;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.ApprovedSignalEvent;
import io.hftbus.api.event.HealthStatus;
import io.hftbus.api.event.RejectedSignalEvent;
import io.hftbus.api.event.RiskRejectReason;
import io.hftbus.api.event.SignalEvent;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The risk manager: checks every signal against per-symbol position, per-order size, gross
 * notional and loss limits, and publishes an {@link ApprovedSignalEvent} (possibly for less than
 * was asked, when only part fits under the position limit) or a {@link RejectedSignalEvent} with
 * the reason.
 *
 * <p><b>Its own book.</b> Like a pre-trade risk gate, it counts what it approved, filled or not
 * yet, against the limits: every approved quantity is an immediate-or-cancel market order, so the
 * approved position is the worst case of the real one. Its loss figure marks that book at the
 * reference price of the latest signal of each symbol and charges an estimated fee per contract.
 * Deriving everything from the signal stream keeps the decisions the same whatever the timing of
 * the fills (see {@link Pipeline} on determinism); the exact PnL is the {@link PnlTracker}'s.
 *
 * <p>Orders that reduce a position are always let through (unless too large), also after the loss
 * limit was reached: risk must never stop a position from being closed.
 */
public final class RiskManager extends Stage {

    /** The stage name. */
    public static final String NAME = "risk";

    /**
     * The limits.
     *
     * @param maxPosition      most contracts held per symbol, positive
     * @param maxOrderQuantity most contracts per order, positive
     * @param maxGrossNotional most currency of gross exposure over all symbols, positive
     * @param maxLoss          the loss, in currency, from which only reducing orders pass, positive
     * @param feePerContract   the fee assumed per contract traded, non-negative
     */
    public record Limits(double maxPosition, double maxOrderQuantity, double maxGrossNotional, double maxLoss,
                         double feePerContract) {

        /** Validates the limits. */
        public Limits {
            positive(maxPosition, "maxPosition");
            positive(maxOrderQuantity, "maxOrderQuantity");
            positive(maxGrossNotional, "maxGrossNotional");
            positive(maxLoss, "maxLoss");
            if (!(feePerContract >= 0.0) || Double.isInfinite(feePerContract)) {
                throw new IllegalArgumentException("Limits.feePerContract must be finite and >= 0 but was "
                        + feePerContract);
            }
        }

        private static void positive(double value, String field) {
            if (!(value > 0.0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("Limits." + field + " must be finite and > 0 but was " + value);
            }
        }

        /** Two contracts a symbol, three an order, 1.5 million gross, 25,000 of loss, 1.25 a contract in fees. */
        public static Limits defaults() {
            return new Limits(2, 3, 1_500_000, 25_000, 1.25);
        }
    }

    private final Limits limits;
    private final Map<String, Exposure> exposures = new HashMap<>();
    private final Exposure[] ordered;
    // Written on the dispatch thread, read by the monitor: single-writer volatile counters and flag.
    private volatile long approved;
    private volatile long rejected;
    private volatile boolean lossLimitReached;
    private final Map<RiskRejectReason, Long> rejections = new EnumMap<>(RiskRejectReason.class);

    /**
     * @param bus         the bus
     * @param instruments the tradable instruments; a signal for any other symbol is rejected
     * @param limits      the limits
     */
    public RiskManager(EventBus bus, List<Instrument> instruments, Limits limits) {
        super(NAME, bus);
        this.limits = limits;
        this.ordered = new Exposure[instruments.size()];
        for (int i = 0; i < ordered.length; i++) {
            ordered[i] = new Exposure(instruments.get(i));
            exposures.put(instruments.get(i).symbol(), ordered[i]);
        }
    }

    @Override
    protected void subscribeHandlers() {
        on(SignalEvent.class, this::onSignal);
    }

    private void onSignal(SignalEvent signal) {
        Exposure exposure = exposures.get(signal.symbol());
        if (exposure == null) {
            reject(signal, RiskRejectReason.SYMBOL_NOT_ALLOWED, signal.symbol() + " is not tradable here");
            return;
        }
        exposure.lastPrice = signal.referencePrice();
        if (signal.quantity() > limits.maxOrderQuantity()) {
            reject(signal, RiskRejectReason.ORDER_SIZE_LIMIT,
                    "quantity " + signal.quantity() + " > " + limits.maxOrderQuantity());
            return;
        }
        double delta = signal.side().sign() * signal.quantity();
        double position = exposure.position;
        boolean reducing = Math.abs(position + delta) <= Math.abs(position) && position * (position + delta) >= 0.0;
        if (!reducing) {
            double pnl = estimatedPnl();
            if (pnl <= -limits.maxLoss()) {
                lossLimitReached = true;
                reject(signal, RiskRejectReason.LOSS_LIMIT, String.format("estimated PnL %.2f <= -%.2f", pnl,
                        limits.maxLoss()));
                return;
            }
            double room = limits.maxPosition() - Math.abs(position);
            if (Math.abs(position + delta) > limits.maxPosition() && position * delta >= 0.0) {
                if (room <= 0.0) {
                    reject(signal, RiskRejectReason.POSITION_LIMIT,
                            "position " + position + " is at the limit " + limits.maxPosition());
                    return;
                }
                delta = Math.signum(delta) * room;
            }
            double gross = grossNotional() - exposure.notional() + Math.abs(position + delta) * exposure.unitNotional();
            if (gross > limits.maxGrossNotional()) {
                reject(signal, RiskRejectReason.NOTIONAL_LIMIT, String.format("gross notional %.0f > %.0f", gross,
                        limits.maxGrossNotional()));
                return;
            }
        }
        double quantity = Math.abs(delta);
        exposure.position += delta;
        exposure.cash -= delta * signal.referencePrice() * exposure.instrument.multiplier();
        exposure.fees += quantity * limits.feePerContract();
        approved++;
        bus.publish(new ApprovedSignalEvent(signal.timestamp(), signal, quantity));
    }

    private void reject(SignalEvent signal, RiskRejectReason reason, String detail) {
        rejected++;
        rejections.merge(reason, 1L, Long::sum);
        bus.publish(new RejectedSignalEvent(signal.timestamp(), signal, reason, detail));
    }

    private double estimatedPnl() {
        double pnl = 0.0;
        for (Exposure exposure : ordered) {
            pnl += exposure.cash + exposure.position * exposure.lastPrice * exposure.instrument.multiplier()
                    - exposure.fees;
        }
        return pnl;
    }

    private double grossNotional() {
        double gross = 0.0;
        for (Exposure exposure : ordered) {
            gross += exposure.notional();
        }
        return gross;
    }

    /** Signals approved. */
    public long approved() {
        return approved;
    }

    /** Signals rejected. */
    public long rejected() {
        return rejected;
    }

    /** Rejections by reason; read after the bus has closed. */
    public Map<RiskRejectReason, Long> rejectionsByReason() {
        return Map.copyOf(rejections);
    }

    @Override
    public HealthStatus health() {
        return lossLimitReached ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
    }

    @Override
    public String healthDetail() {
        return lossLimitReached ? "loss limit reached: only reducing orders pass" : "";
    }

    private static final class Exposure {
        final Instrument instrument;
        double position;
        double cash;
        double fees;
        double lastPrice;

        Exposure(Instrument instrument) {
            this.instrument = instrument;
            this.lastPrice = instrument.startPrice();
        }

        double unitNotional() {
            return lastPrice * instrument.multiplier();
        }

        double notional() {
            return Math.abs(position) * unitNotional();
        }
    }
}
