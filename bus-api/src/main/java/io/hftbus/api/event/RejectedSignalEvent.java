package io.hftbus.api.event;

/**
 * A signal the risk manager refused.
 *
 * @param timestamp when risk refused it, nanoseconds since the epoch, {@code >= 0}
 * @param signal    the signal refused
 * @param reason    the limit it hit
 * @param detail    human-readable explanation (figures, limit values); may be empty, never null
 */
public record RejectedSignalEvent(long timestamp, SignalEvent signal, RiskRejectReason reason, String detail)
        implements Event {

    private static final String NAME = "RejectedSignalEvent";

    /** Validates every field. */
    public RejectedSignalEvent {
        Checks.nonNegative(timestamp, NAME, "timestamp");
        Checks.nonNull(signal, NAME, "signal");
        Checks.nonNull(reason, NAME, "reason");
        Checks.text(detail, NAME, "detail");
    }

    @Override
    public EventType type() {
        return EventType.REJECTED_SIGNAL;
    }
}
