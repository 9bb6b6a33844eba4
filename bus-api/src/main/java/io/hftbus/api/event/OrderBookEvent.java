package io.hftbus.api.event;

import java.util.List;

/**
 * A snapshot of the aggregated book: bids best (highest) first, asks best (lowest) first.
 *
 * @param timestamp source time, nanoseconds since the epoch, {@code >= 0}
 * @param symbol    instrument, not blank
 * @param bids      bid levels in strictly descending price order; copied, immutable
 * @param asks      ask levels in strictly ascending price order; copied, immutable
 */
public record OrderBookEvent(long timestamp, String symbol, List<PriceLevel> bids, List<PriceLevel> asks)
        implements Event {

    private static final String NAME = "OrderBookEvent";

    /** Validates the fields, the order of each side and that the book is not crossed. */
    public OrderBookEvent {
        Checks.nonNegative(timestamp, NAME, "timestamp");
        Checks.nonBlank(symbol, NAME, "symbol");
        bids = Checks.immutableList(bids, NAME, "bids");
        asks = Checks.immutableList(asks, NAME, "asks");
        for (int i = 1; i < bids.size(); i++) {
            if (bids.get(i).price() >= bids.get(i - 1).price()) {
                throw new IllegalArgumentException(NAME + ".bids must be in strictly descending price order but bids["
                        + i + "].price was " + bids.get(i).price() + " after " + bids.get(i - 1).price());
            }
        }
        for (int i = 1; i < asks.size(); i++) {
            if (asks.get(i).price() <= asks.get(i - 1).price()) {
                throw new IllegalArgumentException(NAME + ".asks must be in strictly ascending price order but asks["
                        + i + "].price was " + asks.get(i).price() + " after " + asks.get(i - 1).price());
            }
        }
        if (!bids.isEmpty() && !asks.isEmpty()) {
            Checks.bidNotAboveAsk(bids.get(0).price(), asks.get(0).price(), NAME);
        }
    }

    /** The best bid, or {@code null} when the bid side is empty. */
    public PriceLevel bestBid() {
        return bids.isEmpty() ? null : bids.get(0);
    }

    /** The best ask, or {@code null} when the ask side is empty. */
    public PriceLevel bestAsk() {
        return asks.isEmpty() ? null : asks.get(0);
    }

    @Override
    public EventType type() {
        return EventType.ORDER_BOOK;
    }
}
