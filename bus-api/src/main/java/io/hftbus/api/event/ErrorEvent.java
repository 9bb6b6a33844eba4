package io.hftbus.api.event;

/**
 * An error notification from one component.
 *
 * @param timestamp when it happened, nanoseconds since the epoch, {@code >= 0}
 * @param component where, not blank
 * @param severity  how serious
 * @param errorType what kind, for example an exception class name; not blank
 * @param message   what went wrong; may be empty, never null
 */
public record ErrorEvent(long timestamp, String component, Severity severity, String errorType, String message)
        implements Event {

    private static final String NAME = "ErrorEvent";

    /** Validates every field. */
    public ErrorEvent {
        Checks.nonNegative(timestamp, NAME, "timestamp");
        Checks.nonBlank(component, NAME, "component");
        Checks.nonNull(severity, NAME, "severity");
        Checks.nonBlank(errorType, NAME, "errorType");
        Checks.text(message, NAME, "message");
    }

    @Override
    public EventType type() {
        return EventType.ERROR;
    }
}
