package io.hftbus.examples.pipeline;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.FillEvent;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.MetricsEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PnL and metrics: positions at average cost from the fills, realised PnL as positions are reduced,
 * unrealised PnL marked at the latest mid, fees; a {@link MetricsEvent} from source {@value #NAME}
 * every {@code interval} of event time.
 *
 * <p>Fills of one symbol arrive in the order the {@link ExecutionSimulator} made them, and the
 * figures of each symbol are kept apart and summed in the configured symbol order, so the final
 * figures are exactly the same, to the last bit, for the same fills and marks.
 */
public final class PnlTracker extends Stage {

    /** The stage name, and the source of its metrics. */
    public static final String NAME = "pnl";

    /**
     * One symbol's figures.
     *
     * @param symbol       the symbol
     * @param position     signed contracts held
     * @param averagePrice average cost of the position, 0 when flat
     * @param realized     realised PnL in currency, before fees
     * @param unrealized   the position marked at {@code mark}, in currency
     * @param fees         fees paid
     * @param mark         the latest mid
     * @param fills        fills
     * @param volume       contracts traded
     */
    public record SymbolPnl(String symbol, double position, double averagePrice, double realized, double unrealized,
                            double fees, double mark, long fills, double volume) {

        /** Realised plus unrealised, less fees. */
        public double total() {
            return realized + unrealized - fees;
        }
    }

    /**
     * The book's figures at one moment.
     *
     * @param symbols per symbol, in the configured order
     */
    public record Snapshot(List<SymbolPnl> symbols) {

        /** Copies the list. */
        public Snapshot {
            symbols = List.copyOf(symbols);
        }

        /** Realised PnL of all symbols, before fees. */
        public double realized() {
            return sum(0);
        }

        /** Unrealised PnL of all symbols. */
        public double unrealized() {
            return sum(1);
        }

        /** Fees of all symbols. */
        public double fees() {
            return sum(2);
        }

        /** Realised plus unrealised, less fees. */
        public double total() {
            return sum(3);
        }

        private double sum(int which) {
            double sum = 0.0;
            for (SymbolPnl symbol : symbols) {
                sum += which == 0 ? symbol.realized() : which == 1 ? symbol.unrealized()
                        : which == 2 ? symbol.fees() : symbol.total();
            }
            return sum;
        }
    }

    private final Map<String, Position> positions = new HashMap<>();
    private final Position[] ordered;
    private final long intervalNanos;
    private long nextMetricsNanos = Long.MIN_VALUE;

    /**
     * @param bus         the bus
     * @param instruments the instruments, in reporting order
     * @param interval    event time between two metrics events, positive
     */
    public PnlTracker(EventBus bus, List<Instrument> instruments, Duration interval) {
        super(NAME, bus);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive but was " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.ordered = new Position[instruments.size()];
        for (int i = 0; i < ordered.length; i++) {
            ordered[i] = new Position(instruments.get(i));
            positions.put(instruments.get(i).symbol(), ordered[i]);
        }
    }

    @Override
    protected void subscribeHandlers() {
        on(FillEvent.class, this::onFill);
        on(MarketDataEvent.class, this::onQuote);
    }

    private void onFill(FillEvent fill) {
        Position position = positions.get(fill.symbol());
        if (position == null) {
            throw new IllegalArgumentException("fill " + fill.fillId() + " for unknown symbol '" + fill.symbol() + "'");
        }
        position.apply(fill);
    }

    private void onQuote(MarketDataEvent quote) {
        Position position = positions.get(quote.symbol());
        double mid = quote.mid();
        if (position == null || Double.isNaN(mid)) {
            return;
        }
        position.mark = mid;
        if (quote.timestamp() >= nextMetricsNanos) {
            if (nextMetricsNanos != Long.MIN_VALUE) {
                publishMetrics(quote.timestamp());
            }
            nextMetricsNanos = (quote.timestamp() / intervalNanos + 1) * intervalNanos;
        }
    }

    private void publishMetrics(long nowNanos) {
        Snapshot snapshot = snapshot();
        Map<String, Double> values = new HashMap<>();
        values.put("pnl.total", snapshot.total());
        values.put("pnl.realized", snapshot.realized());
        values.put("pnl.unrealized", snapshot.unrealized());
        values.put("pnl.fees", snapshot.fees());
        long fills = 0;
        for (SymbolPnl symbol : snapshot.symbols()) {
            values.put("position." + symbol.symbol(), symbol.position());
            fills += symbol.fills();
        }
        values.put("fills", (double) fills);
        bus.publish(new MetricsEvent(nowNanos, NAME, values));
    }

    /** The figures now; call on the dispatch thread, or after the bus has closed. */
    public Snapshot snapshot() {
        List<SymbolPnl> symbols = new ArrayList<>(ordered.length);
        for (Position position : ordered) {
            symbols.add(position.figures());
        }
        return new Snapshot(symbols);
    }

    private static final class Position {
        final Instrument instrument;
        double quantity;
        double averagePrice;
        double realized;
        double fees;
        double mark;
        long fills;
        double volume;

        Position(Instrument instrument) {
            this.instrument = instrument;
            this.mark = instrument.startPrice();
        }

        void apply(FillEvent fill) {
            double signed = fill.side().sign() * fill.quantity();
            fills++;
            volume += fill.quantity();
            fees += fill.fee();
            if (quantity == 0.0 || quantity * signed > 0.0) {
                averagePrice = (averagePrice * Math.abs(quantity) + fill.price() * fill.quantity())
                        / (Math.abs(quantity) + fill.quantity());
                quantity += signed;
                return;
            }
            double closing = Math.min(Math.abs(signed), Math.abs(quantity));
            realized += closing * (fill.price() - averagePrice) * Math.signum(quantity) * instrument.multiplier();
            double before = quantity;
            quantity += signed;
            if (quantity == 0.0) {
                averagePrice = 0.0;
            } else if (before * quantity < 0.0) {
                averagePrice = fill.price();
            }
        }

        SymbolPnl figures() {
            double unrealized = quantity == 0.0 ? 0.0 : (mark - averagePrice) * quantity * instrument.multiplier();
            return new SymbolPnl(instrument.symbol(), quantity, averagePrice, realized, unrealized, fees, mark, fills,
                    volume);
        }
    }
}
