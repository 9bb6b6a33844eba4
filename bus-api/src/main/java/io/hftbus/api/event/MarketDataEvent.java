package io.hftbus.api.event;

/**
 * A tick or quote: the last trade and the top of the book.
 *
 * <p>A side with no quote carries price {@code 0} and size {@code 0}; when both sides are quoted
 * the bid may not be above the ask.
 *
 * @param timestamp source time, nanoseconds since the epoch, {@code >= 0}
 * @param symbol    instrument, not blank
 * @param price     last trade price, finite and {@code >= 0}
 * @param volume    last trade size, finite and {@code >= 0}
 * @param bidPrice  best bid, finite and {@code >= 0}
 * @param bidSize   size at the best bid, finite and {@code >= 0}
 * @param askPrice  best ask, finite and {@code >= 0}
 * @param askSize   size at the best ask, finite and {@code >= 0}
 */
public record MarketDataEvent(long timestamp, String symbol, double price, double volume,
                              double bidPrice, double bidSize, double askPrice, double askSize)
        implements Event {

    private static final String NAME = "MarketDataEvent";

    /** Validates every field; see the class description. */
    public MarketDataEvent {
        Checks.nonNegative(timestamp, NAME, "timestamp");
        Checks.nonBlank(symbol, NAME, "symbol");
        Checks.finiteNonNegative(price, NAME, "price");
        Checks.finiteNonNegative(volume, NAME, "volume");
        Checks.finiteNonNegative(bidPrice, NAME, "bidPrice");
        Checks.finiteNonNegative(bidSize, NAME, "bidSize");
        Checks.finiteNonNegative(askPrice, NAME, "askPrice");
        Checks.finiteNonNegative(askSize, NAME, "askSize");
        Checks.bidNotAboveAsk(bidPrice, askPrice, NAME);
    }

    /** Halfway between bid and ask, or {@code NaN} unless both sides are quoted. */
    public double mid() {
        return bidPrice > 0.0 && askPrice > 0.0 ? (bidPrice + askPrice) * 0.5 : Double.NaN;
    }

    /** Ask minus bid, or {@code NaN} unless both sides are quoted. */
    public double spread() {
        return bidPrice > 0.0 && askPrice > 0.0 ? askPrice - bidPrice : Double.NaN;
    }

    @Override
    public EventType type() {
        return EventType.MARKET_DATA;
    }
}
