package io.hftbus.api.event;

/**
 * A health check of one component.
 *
 * @param timestamp when the check ran, nanoseconds since the epoch, {@code >= 0}
 * @param component who is checked, not blank
 * @param status    the result
 * @param detail    explanation; may be empty, never null
 */
public record HealthEvent(long timestamp, String component, HealthStatus status, String detail) implements Event {

    private static final String NAME = "HealthEvent";

    /** Validates every field. */
    public HealthEvent {
        Checks.nonNegative(timestamp, NAME, "timestamp");
        Checks.nonBlank(component, NAME, "component");
        Checks.nonNull(status, NAME, "status");
        Checks.text(detail, NAME, "detail");
    }

    @Override
    public EventType type() {
        return EventType.HEALTH;
    }
}
