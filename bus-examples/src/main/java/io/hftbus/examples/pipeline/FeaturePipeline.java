package io.hftbus.examples.pipeline;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.FeatureEvent;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.OrderBookEvent;
import io.hftbus.api.event.PriceLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The feature pipeline: one {@link FeatureEvent} per two-sided quote, with the {@link Features}
 * computed from the quote stream and the latest book snapshot of the symbol.
 *
 * <p>Averages decay with event time, not with the number of updates, so that irregular tick
 * arrival does not bend them: a sample {@code dt} after the previous one gets weight
 * {@code 1 - exp(-dt / tau)}.
 *
 * <p><b>Sharded by symbol.</b> With {@code shards > 0} the quotes are handled by a
 * {@linkplain EventBus#subscribeSharded sharded subscription} keyed by symbol: each symbol's quotes
 * on one worker thread, in feed order, and different symbols in parallel. A symbol's state is
 * confined to its shard's thread. The book snapshots stay on the dispatch thread (summing ten
 * sizes costs less than handing them over) and go into a per-symbol history keyed by timestamp; a
 * quote uses the latest snapshot strictly before it, which is the one the feed published before it
 * (a snapshot carries the timestamp of the quote it follows, and quote timestamps strictly
 * increase). So the features of a symbol are the same as on the dispatch thread, whatever the
 * timing; only the interleaving of different symbols' features on the bus varies.
 */
public final class FeaturePipeline extends Stage {

    /** The stage name. */
    public static final String NAME = "features";

    private static final double SECONDS_PER_YEAR = 252 * 6.5 * 3600;

    private final double fastTauSeconds;
    private final double slowTauSeconds;
    private final int warmUpTicks;
    private final int shards;
    // Concurrent: created by the dispatch thread (books) or a shard's thread (quotes).
    private final Map<String, SymbolFeatures> states = new ConcurrentHashMap<>();

    /**
     * @param bus         the bus
     * @param fastTau     time constant of the fast EMA, positive
     * @param slowTau     time constant of the slow EMA, the z-score and the realised volatility, positive
     * @param warmUpTicks quotes of a symbol before its z-score is reported, non-negative
     */
    public FeaturePipeline(EventBus bus, Duration fastTau, Duration slowTau, int warmUpTicks) {
        this(bus, fastTau, slowTau, warmUpTicks, 0);
    }

    /**
     * @param bus         the bus
     * @param fastTau     time constant of the fast EMA, positive
     * @param slowTau     time constant of the slow EMA, the z-score and the realised volatility, positive
     * @param warmUpTicks quotes of a symbol before its z-score is reported, non-negative
     * @param shards      0: quotes on the dispatch thread; otherwise the shards of a subscription
     *                    sharded by symbol, within {@code [1, EventBus.MAX_WORKERS]}
     */
    public FeaturePipeline(EventBus bus, Duration fastTau, Duration slowTau, int warmUpTicks, int shards) {
        super(NAME, bus);
        if (shards < 0 || shards > EventBus.MAX_WORKERS) {
            throw new IllegalArgumentException("shards must be within [0, " + EventBus.MAX_WORKERS + "] but was "
                    + shards);
        }
        this.shards = shards;
        this.fastTauSeconds = seconds(fastTau, "fastTau");
        this.slowTauSeconds = seconds(slowTau, "slowTau");
        if (warmUpTicks < 0) {
            throw new IllegalArgumentException("warmUpTicks must be >= 0 but was " + warmUpTicks);
        }
        this.warmUpTicks = warmUpTicks;
    }

    private static double seconds(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + duration);
        }
        return duration.toNanos() * 1e-9;
    }

    @Override
    protected void subscribeHandlers() {
        on(OrderBookEvent.class, this::onBook);
        if (shards == 0) {
            on(MarketDataEvent.class, this::onQuote);
        } else {
            onSharded(MarketDataEvent.class, MarketDataEvent::symbol, shards, this::onQuote);
        }
    }

    /** The shards of the quotes' subscription, or 0 when quotes are handled on the dispatch thread. */
    public int shards() {
        return shards;
    }

    private SymbolFeatures state(String symbol) {
        return states.computeIfAbsent(symbol, s -> new SymbolFeatures());
    }

    private void onBook(OrderBookEvent book) {
        double bids = depth(book.bids());
        double asks = depth(book.asks());
        state(book.symbol()).books.put(book.timestamp(), bids + asks > 0.0 ? (bids - asks) / (bids + asks) : 0.0);
    }

    private static double depth(List<PriceLevel> levels) {
        double sum = 0.0;
        for (int i = 0; i < levels.size(); i++) {
            sum += levels.get(i).size();
        }
        return sum;
    }

    private void onQuote(MarketDataEvent quote) {
        double mid = quote.mid();
        if (Double.isNaN(mid)) {
            return;
        }
        SymbolFeatures s = state(quote.symbol());
        double sizes = quote.bidSize() + quote.askSize();
        double microprice = sizes > 0.0
                ? (quote.bidPrice() * quote.askSize() + quote.askPrice() * quote.bidSize()) / sizes
                : mid;
        double topImbalance = sizes > 0.0 ? (quote.bidSize() - quote.askSize()) / sizes : 0.0;

        if (s.ticks == 0) {
            s.emaFast = mid;
            s.emaSlow = mid;
        } else {
            double dt = Math.max(0L, quote.timestamp() - s.lastNanos) * 1e-9;
            double fastWeight = 1.0 - Math.exp(-dt / fastTauSeconds);
            double slowDecay = Math.exp(-dt / slowTauSeconds);
            s.emaFast += fastWeight * (mid - s.emaFast);
            s.emaSlow += (1.0 - slowDecay) * (mid - s.emaSlow);
            double deviation = mid - s.emaSlow;
            s.deviationVariance = slowDecay * s.deviationVariance + (1.0 - slowDecay) * deviation * deviation;
            double logReturn = Math.log(mid / s.lastMid);
            s.squaredReturns = slowDecay * s.squaredReturns + logReturn * logReturn;
            s.elapsedSeconds = slowDecay * s.elapsedSeconds + dt;
        }
        s.ticks++;
        s.lastNanos = quote.timestamp();
        s.lastMid = mid;
        Map.Entry<Long, Double> book = s.books.lowerEntry(quote.timestamp());
        if (book != null) {
            s.bookImbalance = book.getValue();
            s.books.headMap(book.getKey()).clear();   // only this thread removes, and only older snapshots
        }

        double realizedVol = s.elapsedSeconds > 0.0
                ? Math.sqrt(s.squaredReturns / s.elapsedSeconds * SECONDS_PER_YEAR)
                : 0.0;
        double zscore = s.ticks > warmUpTicks && s.deviationVariance > 0.0
                ? (mid - s.emaSlow) / Math.sqrt(s.deviationVariance)
                : 0.0;
        bus.publish(new FeatureEvent(quote.timestamp(), quote.symbol(), Map.of(
                Features.MID, mid,
                Features.SPREAD, quote.spread(),
                Features.MICROPRICE, microprice,
                Features.EMA_FAST, s.emaFast,
                Features.EMA_SLOW, s.emaSlow,
                Features.REALIZED_VOL, realizedVol,
                Features.TOP_IMBALANCE, topImbalance,
                Features.BOOK_IMBALANCE, s.bookImbalance,
                Features.ZSCORE, zscore)));
    }

    private static final class SymbolFeatures {
        /** Book imbalance by snapshot timestamp: put by the dispatch thread, read and pruned by the quotes' thread. */
        final ConcurrentSkipListMap<Long, Double> books = new ConcurrentSkipListMap<>();
        // The rest is the quotes' thread's alone.
        long ticks;
        long lastNanos;
        double lastMid;
        double emaFast;
        double emaSlow;
        double deviationVariance;
        double squaredReturns;
        double elapsedSeconds;
        double bookImbalance;
    }
}
