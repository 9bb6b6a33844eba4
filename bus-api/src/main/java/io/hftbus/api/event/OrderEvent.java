package io.hftbus.api.event;

/**
 * An order submission.
 *
 * <p>A {@link OrderType#MARKET} order carries limit and stop price {@code 0}; a limit order a
 * positive limit price; a stop order a positive stop price; a stop-limit order both.
 *
 * @param timestamp   when the order was created, nanoseconds since the epoch, {@code >= 0}
 * @param orderId     unique id of the order, {@code > 0}
 * @param signalId    the signal that caused it, or {@code 0} for a manual order; {@code >= 0}
 * @param symbol      instrument, not blank
 * @param side        direction
 * @param orderType   how it is priced
 * @param timeInForce how long it works
 * @param quantity    size, finite and {@code > 0}
 * @param limitPrice  limit price, see above
 * @param stopPrice   stop price, see above
 */
public record OrderEvent(long timestamp, long orderId, long signalId, String symbol, Side side,
                         OrderType orderType, TimeInForce timeInForce, double quantity,
                         double limitPrice, double stopPrice) implements Event {

    private static final String NAME = "OrderEvent";

    /** Validates every field and the prices against the order type. */
    public OrderEvent {
        Checks.nonNegative(timestamp, NAME, "timestamp");
        Checks.positive(orderId, NAME, "orderId");
        Checks.nonNegative(signalId, NAME, "signalId");
        Checks.nonBlank(symbol, NAME, "symbol");
        Checks.nonNull(side, NAME, "side");
        Checks.nonNull(orderType, NAME, "orderType");
        Checks.nonNull(timeInForce, NAME, "timeInForce");
        Checks.finitePositive(quantity, NAME, "quantity");
        Checks.finiteNonNegative(limitPrice, NAME, "limitPrice");
        Checks.finiteNonNegative(stopPrice, NAME, "stopPrice");
        if (orderType.requiresLimitPrice() != (limitPrice > 0.0)) {
            throw new IllegalArgumentException(NAME + ".limitPrice must be "
                    + (orderType.requiresLimitPrice() ? "> 0" : "0") + " for a " + orderType
                    + " order but was " + limitPrice);
        }
        if (orderType.requiresStopPrice() != (stopPrice > 0.0)) {
            throw new IllegalArgumentException(NAME + ".stopPrice must be "
                    + (orderType.requiresStopPrice() ? "> 0" : "0") + " for a " + orderType
                    + " order but was " + stopPrice);
        }
    }

    @Override
    public EventType type() {
        return EventType.ORDER;
    }
}
