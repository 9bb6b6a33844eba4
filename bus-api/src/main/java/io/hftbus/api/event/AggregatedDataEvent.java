package io.hftbus.api.event;

import java.time.Duration;

/**
 * A candle over one interval, with its volume-weighted average price.
 *
 * @param timestamp  end of the interval, nanoseconds since the epoch, {@code >= 0}
 * @param symbol     instrument, not blank
 * @param interval   length of the candle, positive
 * @param open       first trade price, finite and {@code > 0}
 * @param high       highest trade price, at least every other price of the candle
 * @param low        lowest trade price, at most every other price of the candle
 * @param close      last trade price, finite and {@code > 0}
 * @param volume     traded size, finite and {@code >= 0}
 * @param vwap       volume-weighted average price, within {@code [low, high]}
 * @param tradeCount number of trades, {@code >= 0}
 */
public record AggregatedDataEvent(long timestamp, String symbol, Duration interval,
                                  double open, double high, double low, double close,
                                  double volume, double vwap, long tradeCount) implements Event {

    private static final String NAME = "AggregatedDataEvent";

    /** Validates every field and the candle's shape. */
    public AggregatedDataEvent {
        Checks.nonNegative(timestamp, NAME, "timestamp");
        Checks.nonBlank(symbol, NAME, "symbol");
        Checks.nonNull(interval, NAME, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(NAME + ".interval must be positive but was " + interval);
        }
        Checks.finitePositive(open, NAME, "open");
        Checks.finitePositive(high, NAME, "high");
        Checks.finitePositive(low, NAME, "low");
        Checks.finitePositive(close, NAME, "close");
        Checks.finiteNonNegative(volume, NAME, "volume");
        Checks.finitePositive(vwap, NAME, "vwap");
        Checks.nonNegative(tradeCount, NAME, "tradeCount");
        if (low > high || open < low || open > high || close < low || close > high) {
            throw new IllegalArgumentException(NAME + " must satisfy low <= open, close <= high but had open="
                    + open + " high=" + high + " low=" + low + " close=" + close);
        }
        Checks.inRange(vwap, low, high, NAME, "vwap");
    }

    @Override
    public EventType type() {
        return EventType.AGGREGATED_DATA;
    }
}
