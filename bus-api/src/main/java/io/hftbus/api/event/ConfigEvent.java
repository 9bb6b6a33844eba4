package io.hftbus.api.event;

/**
 * A configuration change of one component.
 *
 * @param timestamp     when it changed, nanoseconds since the epoch, {@code >= 0}
 * @param component     whose configuration, not blank
 * @param key           which setting, not blank
 * @param previousValue the value before; empty when the setting is new, never null
 * @param value         the value now, never null
 */
public record ConfigEvent(long timestamp, String component, String key, String previousValue, String value)
        implements Event {

    private static final String NAME = "ConfigEvent";

    /** Validates every field. */
    public ConfigEvent {
        Checks.nonNegative(timestamp, NAME, "timestamp");
        Checks.nonBlank(component, NAME, "component");
        Checks.nonBlank(key, NAME, "key");
        Checks.text(previousValue, NAME, "previousValue");
        Checks.text(value, NAME, "value");
    }

    @Override
    public EventType type() {
        return EventType.CONFIG;
    }
}
