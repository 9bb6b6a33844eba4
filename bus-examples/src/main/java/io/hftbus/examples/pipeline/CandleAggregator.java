package io.hftbus.examples.pipeline;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.AggregatedDataEvent;
import io.hftbus.api.event.MarketDataEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The aggregator: OHLC candles with VWAP and trade count per symbol, over fixed intervals of event
 * time, published as {@link AggregatedDataEvent} when the first trade of the next interval arrives.
 * Quote-only updates (volume 0) move no candle; an interval without trades publishes none.
 */
public final class CandleAggregator extends Stage {

    /** The stage name. */
    public static final String NAME = "aggregator";

    private final Duration interval;
    private final long intervalNanos;
    private final Map<String, Candle> candles = new HashMap<>();
    private long published;

    /**
     * @param bus      the bus
     * @param interval the candle length, positive
     */
    public CandleAggregator(EventBus bus, Duration interval) {
        super(NAME, bus);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive but was " + interval);
        }
        this.interval = interval;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    protected void subscribeHandlers() {
        on(MarketDataEvent.class, this::onMarketData);
    }

    private void onMarketData(MarketDataEvent tick) {
        if (tick.volume() <= 0.0 || tick.price() <= 0.0) {
            return;
        }
        long bucket = tick.timestamp() / intervalNanos;
        Candle candle = candles.computeIfAbsent(tick.symbol(), symbol -> new Candle());
        if (candle.trades > 0 && bucket != candle.bucket) {
            publish(tick.symbol(), candle);
            candle.trades = 0;
        }
        candle.add(bucket, tick.price(), tick.volume());
    }

    private void publish(String symbol, Candle candle) {
        // The bucket's VWAP can fall a rounding error outside [low, high]; clamp it back.
        double vwap = Math.min(candle.high, Math.max(candle.low, candle.notional / candle.volume));
        bus.publish(new AggregatedDataEvent((candle.bucket + 1) * intervalNanos, symbol, interval,
                candle.open, candle.high, candle.low, candle.close, candle.volume, vwap, candle.trades));
        published++;
    }

    /** Candles published; read on the dispatch thread or after the bus has closed. */
    public long published() {
        return published;
    }

    private static final class Candle {
        long bucket;
        double open;
        double high;
        double low;
        double close;
        double volume;
        double notional;
        long trades;

        void add(long tradeBucket, double price, double size) {
            if (trades == 0) {
                bucket = tradeBucket;
                open = price;
                high = price;
                low = price;
                volume = 0.0;
                notional = 0.0;
            }
            high = Math.max(high, price);
            low = Math.min(low, price);
            close = price;
            volume += size;
            notional += price * size;
            trades++;
        }
    }
}
