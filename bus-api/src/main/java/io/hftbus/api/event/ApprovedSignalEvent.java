package io.hftbus.api.event;

/**
 * A signal the risk manager let through, possibly with a smaller quantity.
 *
 * @param timestamp        when risk approved it, nanoseconds since the epoch, {@code >= 0}
 * @param signal           the signal approved
 * @param approvedQuantity quantity allowed, finite, {@code > 0} and at most the signal's quantity
 */
public record ApprovedSignalEvent(long timestamp, SignalEvent signal, double approvedQuantity) implements Event {

    private static final String NAME = "ApprovedSignalEvent";

    /** Validates every field. */
    public ApprovedSignalEvent {
        Checks.nonNegative(timestamp, NAME, "timestamp");
        Checks.nonNull(signal, NAME, "signal");
        Checks.finitePositive(approvedQuantity, NAME, "approvedQuantity");
        if (approvedQuantity > signal.quantity()) {
            throw new IllegalArgumentException(NAME + ".approvedQuantity must not exceed the signal's quantity "
                    + signal.quantity() + " but was " + approvedQuantity);
        }
    }

    @Override
    public EventType type() {
        return EventType.APPROVED_SIGNAL;
    }
}
