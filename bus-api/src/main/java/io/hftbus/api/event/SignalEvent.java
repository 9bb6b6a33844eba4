package io.hftbus.api.event;

/**
 * A strategy's wish to trade.
 *
 * @param timestamp      when the signal was generated, nanoseconds since the epoch, {@code >= 0}
 * @param signalId       unique id of the signal, {@code > 0}
 * @param strategyId     the strategy that generated it, not blank
 * @param symbol         instrument, not blank
 * @param side           direction
 * @param strength       conviction, within {@code [0, 1]}
 * @param quantity       size the strategy wants, finite and {@code > 0}
 * @param referencePrice price the strategy saw, finite and {@code > 0}
 */
public record SignalEvent(long timestamp, long signalId, String strategyId, String symbol, Side side,
                          double strength, double quantity, double referencePrice) implements Event {

    private static final String NAME = "SignalEvent";

    /** Validates every field. */
    public SignalEvent {
        Checks.nonNegative(timestamp, NAME, "timestamp");
        Checks.positive(signalId, NAME, "signalId");
        Checks.nonBlank(strategyId, NAME, "strategyId");
        Checks.nonBlank(symbol, NAME, "symbol");
        Checks.nonNull(side, NAME, "side");
        Checks.inRange(strength, 0.0, 1.0, NAME, "strength");
        Checks.finitePositive(quantity, NAME, "quantity");
        Checks.finitePositive(referencePrice, NAME, "referencePrice");
    }

    @Override
    public EventType type() {
        return EventType.SIGNAL;
    }
}
