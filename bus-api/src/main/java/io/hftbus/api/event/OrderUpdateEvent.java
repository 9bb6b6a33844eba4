package io.hftbus.api.event;

/**
 * A change of an order's status.
 *
 * @param timestamp         when the status changed, nanoseconds since the epoch, {@code >= 0}
 * @param orderId           the order, {@code > 0}
 * @param symbol            instrument, not blank
 * @param status            the new status
 * @param filledQuantity    cumulative filled size, finite and {@code >= 0}
 * @param remainingQuantity size still working, finite and {@code >= 0}
 * @param averagePrice      average fill price, finite and {@code >= 0} ({@code 0} before any fill)
 * @param reason            why the status changed (for a reject or cancel); may be empty, never null
 */
public record OrderUpdateEvent(long timestamp, long orderId, String symbol, OrderStatus status,
                               double filledQuantity, double remainingQuantity, double averagePrice,
                               String reason) implements Event {

    private static final String NAME = "OrderUpdateEvent";

    /** Validates every field. */
    public OrderUpdateEvent {
        Checks.nonNegative(timestamp, NAME, "timestamp");
        Checks.positive(orderId, NAME, "orderId");
        Checks.nonBlank(symbol, NAME, "symbol");
        Checks.nonNull(status, NAME, "status");
        Checks.finiteNonNegative(filledQuantity, NAME, "filledQuantity");
        Checks.finiteNonNegative(remainingQuantity, NAME, "remainingQuantity");
        Checks.finiteNonNegative(averagePrice, NAME, "averagePrice");
        Checks.text(reason, NAME, "reason");
    }

    @Override
    public EventType type() {
        return EventType.ORDER_UPDATE;
    }
}
