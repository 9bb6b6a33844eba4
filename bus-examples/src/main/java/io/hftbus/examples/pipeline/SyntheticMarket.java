package io.hftbus.examples.pipeline;

import io.hftbus.api.event.Event;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.OrderBookEvent;
import io.hftbus.api.event.PriceLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic futures market: quotes, trades and order-book snapshots for several
 * instruments, the same sequence for the same seed, symbols and rate.
 *
 * <p><b>Price model.</b> Each instrument has a fair value that follows a geometric random walk whose
 * volatility switches between three regimes (calm, normal, stressed) as a Markov chain. The quoted
 * mid is the fair value plus a transient Ornstein-Uhlenbeck deviation of a tick or two (liquidity
 * pressure that decays within seconds), which is what a mean-reversion strategy lives on. The
 * spread is one tick, wider in the stressed regime; the best sizes lean against the deviation
 * (more offered when the price is rich), so the book imbalance carries a little information, as it
 * does in real markets. About a third of the updates are trades at the bid or the ask.
 *
 * <p><b>Clock.</b> Timestamps are simulated: they start at {@code startNanos} and advance by
 * exponential inter-arrival times whose mean is one over {@code ticksPerSecond}. They never read
 * the wall clock, so a run is the same however fast it is published.
 *
 * <p>Every {@code bookEvery}-th update of a symbol is followed by an {@link OrderBookEvent} of five
 * levels a side, consistent with the quote. Not thread-safe.
 */
public final class SyntheticMarket implements MarketFeed {

    /** Levels a side in the book snapshots. */
    public static final int BOOK_DEPTH = 5;

    private static final double SECONDS_PER_YEAR = 252 * 6.5 * 3600;
    private static final double[] REGIME_VOL_SCALE = {0.6, 1.0, 2.5};
    private static final String[] REGIME_NAMES = {"calm", "normal", "stressed"};
    /** Chance per simulated second of leaving the current regime. */
    private static final double REGIME_SWITCH_PER_SECOND = 0.03;
    /** Decay time of the transient deviation of the mid from the fair value. */
    private static final double DEVIATION_TAU_SECONDS = 2.0;
    /** Stationary standard deviation of that deviation, in ticks. */
    private static final double DEVIATION_SIGMA_TICKS = 1.5;
    private static final double TRADE_PROBABILITY = 0.35;

    private final SplittableRandom random;
    private final SymbolState[] symbols;
    private final double meanGapNanos;
    private final int bookEvery;
    private long clockNanos;
    private OrderBookEvent pendingBook;

    /**
     * @param instruments    the instruments to quote, at least one
     * @param seed           the random seed
     * @param ticksPerSecond market-data updates per simulated second over all instruments, positive
     * @param startNanos     the first timestamp, nanoseconds since the epoch
     * @param bookEvery      a book snapshot follows every this many updates of a symbol, positive
     */
    public SyntheticMarket(List<Instrument> instruments, long seed, double ticksPerSecond, long startNanos,
                           int bookEvery) {
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("instruments must not be empty");
        }
        if (!(ticksPerSecond > 0.0) || Double.isInfinite(ticksPerSecond)) {
            throw new IllegalArgumentException("ticksPerSecond must be finite and > 0 but was " + ticksPerSecond);
        }
        if (startNanos < 0) {
            throw new IllegalArgumentException("startNanos must be >= 0 but was " + startNanos);
        }
        if (bookEvery <= 0) {
            throw new IllegalArgumentException("bookEvery must be > 0 but was " + bookEvery);
        }
        this.random = new SplittableRandom(seed);
        this.symbols = new SymbolState[instruments.size()];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = new SymbolState(instruments.get(i), startNanos);
        }
        this.meanGapNanos = 1e9 / ticksPerSecond;
        this.bookEvery = bookEvery;
        this.clockNanos = startNanos;
    }

    /** The simulated time of the last event, nanoseconds since the epoch. */
    public long clockNanos() {
        return clockNanos;
    }

    /** The volatility regime of {@code symbol} now: calm, normal or stressed. */
    public String regime(String symbol) {
        for (SymbolState state : symbols) {
            if (state.instrument.symbol().equals(symbol)) {
                return REGIME_NAMES[state.regime];
            }
        }
        throw new IllegalArgumentException("symbol '" + symbol + "' is not quoted by this market");
    }

    @Override
    public Event next() {
        if (pendingBook != null) {
            OrderBookEvent book = pendingBook;
            pendingBook = null;
            return book;
        }
        // At least one nanosecond apart, so that timestamps strictly increase.
        clockNanos += 1 + (long) (random.nextExponential() * meanGapNanos);
        SymbolState state = symbols[random.nextInt(symbols.length)];
        MarketDataEvent quote = state.advance(clockNanos);
        if (++state.updates % bookEvery == 0) {
            pendingBook = state.book(quote);
        }
        return quote;
    }

    private final class SymbolState {
        final Instrument instrument;
        long lastNanos;
        double logFair;
        double deviationTicks;
        int regime = 1;
        long updates;
        double lastTrade;

        SymbolState(Instrument instrument, long startNanos) {
            this.instrument = instrument;
            this.lastNanos = startNanos;
            this.logFair = Math.log(instrument.startPrice());
            this.lastTrade = instrument.startPrice();
        }

        MarketDataEvent advance(long nowNanos) {
            double dt = Math.max(1e-9, (nowNanos - lastNanos) * 1e-9);
            lastNanos = nowNanos;
            if (random.nextDouble() < REGIME_SWITCH_PER_SECOND * dt) {
                // Leave the regime for one of the two others, stressed being the rarer destination.
                regime = regime == 1 ? (random.nextDouble() < 0.7 ? 0 : 2) : 1;
            }
            double sigma = instrument.annualVol() * REGIME_VOL_SCALE[regime] / Math.sqrt(SECONDS_PER_YEAR);
            logFair += sigma * Math.sqrt(dt) * random.nextGaussian() - 0.5 * sigma * sigma * dt;
            double decay = Math.exp(-dt / DEVIATION_TAU_SECONDS);
            double deviationSigma = DEVIATION_SIGMA_TICKS * (regime == 2 ? 2.0 : 1.0);
            deviationTicks = deviationTicks * decay
                    + deviationSigma * Math.sqrt(1.0 - decay * decay) * random.nextGaussian();

            double tick = instrument.tickSize();
            double mid = Math.exp(logFair) + deviationTicks * tick;
            long spreadTicks = regime == 2 ? 1 + random.nextInt(3) : (random.nextDouble() < 0.9 ? 1 : 2);
            long bidTicks = Math.max(1, (long) Math.floor(mid / tick - spreadTicks * 0.5));
            long askTicks = bidTicks + spreadTicks;
            double bid = instrument.toPrice(bidTicks);
            double ask = instrument.toPrice(askTicks);

            // Sizes lean against the deviation: rich prices attract offers, cheap ones bids.
            double lean = Math.tanh(deviationTicks / DEVIATION_SIGMA_TICKS);
            double bidSize = size(1.0 - 0.5 * lean);
            double askSize = size(1.0 + 0.5 * lean);

            double volume = 0.0;
            if (random.nextDouble() < TRADE_PROBABILITY) {
                boolean buyerInitiated = random.nextDouble() < 0.5 - 0.2 * lean;
                lastTrade = buyerInitiated ? ask : bid;
                volume = 1 + (long) (random.nextExponential() * instrument.typicalSize() * 0.2);
            }
            return new MarketDataEvent(nowNanos, instrument.symbol(), lastTrade, volume, bid, bidSize, ask, askSize);
        }

        private double size(double scale) {
            double lognormal = Math.exp(0.5 * random.nextGaussian() - 0.125);
            return Math.max(1, Math.round(instrument.typicalSize() * scale * lognormal));
        }

        OrderBookEvent book(MarketDataEvent quote) {
            List<PriceLevel> bids = new ArrayList<>(BOOK_DEPTH);
            List<PriceLevel> asks = new ArrayList<>(BOOK_DEPTH);
            long bidTicks = instrument.toTicks(quote.bidPrice());
            long askTicks = instrument.toTicks(quote.askPrice());
            bids.add(new PriceLevel(quote.bidPrice(), quote.bidSize()));
            asks.add(new PriceLevel(quote.askPrice(), quote.askSize()));
            for (int level = 1; level < BOOK_DEPTH; level++) {
                // Deeper levels hold more, as resting liquidity does away from the touch.
                double depthScale = 1.0 + 0.6 * level;
                if (bidTicks - level >= 1) {
                    bids.add(new PriceLevel(instrument.toPrice(bidTicks - level), size(depthScale)));
                }
                asks.add(new PriceLevel(instrument.toPrice(askTicks + level), size(depthScale)));
            }
            return new OrderBookEvent(quote.timestamp(), instrument.symbol(), bids, asks);
        }
    }
}
