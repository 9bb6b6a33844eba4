package io.hftbus.api.event;

/**
 * An execution against an order.
 *
 * @param timestamp         execution time, nanoseconds since the epoch, {@code >= 0}
 * @param fillId            unique id of the fill, {@code > 0}
 * @param orderId           the order filled, {@code > 0}
 * @param symbol            instrument, not blank
 * @param side              direction of the order
 * @param quantity          size executed, finite and {@code > 0}
 * @param price             execution price, finite and {@code > 0}
 * @param fee               fee paid (negative for a rebate), finite
 * @param liquidity         whether the order made or took liquidity
 * @param remainingQuantity what is left of the order after this fill, finite and {@code >= 0}
 */
public record FillEvent(long timestamp, long fillId, long orderId, String symbol, Side side,
                        double quantity, double price, double fee, Liquidity liquidity,
                        double remainingQuantity) implements Event {

    private static final String NAME = "FillEvent";

    /** Validates every field. */
    public FillEvent {
        Checks.nonNegative(timestamp, NAME, "timestamp");
        Checks.positive(fillId, NAME, "fillId");
        Checks.positive(orderId, NAME, "orderId");
        Checks.nonBlank(symbol, NAME, "symbol");
        Checks.nonNull(side, NAME, "side");
        Checks.finitePositive(quantity, NAME, "quantity");
        Checks.finitePositive(price, NAME, "price");
        Checks.finite(fee, NAME, "fee");
        Checks.nonNull(liquidity, NAME, "liquidity");
        Checks.finiteNonNegative(remainingQuantity, NAME, "remainingQuantity");
    }

    /** Quantity times price. */
    public double notional() {
        return quantity * price;
    }

    @Override
    public EventType type() {
        return EventType.FILL;
    }
}
