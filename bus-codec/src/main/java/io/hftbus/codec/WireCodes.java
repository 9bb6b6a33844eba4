package io.hftbus.codec;

import io.hftbus.api.Priority;

/**
 * Permanent codes for what travels beside an event: its {@link Priority}. Event types and the enums
 * of the events carry their own ({@link io.hftbus.api.event.WireCoded}).
 */
public final class WireCodes {

    private WireCodes() {
    }

    /** The code of {@code priority}: CRITICAL 0, HIGH 1, NORMAL 2, LOW 3, for good. */
    public static int priorityCode(Priority priority) {
        switch (priority) {
            case CRITICAL:
                return 0;
            case HIGH:
                return 1;
            case NORMAL:
                return 2;
            case LOW:
                return 3;
            default:
                throw new AssertionError(priority);
        }
    }

    /**
     * The priority of {@code code}.
     *
     * @throws IllegalArgumentException if no priority has it
     */
    public static Priority priority(int code) {
        switch (code) {
            case 0:
                return Priority.CRITICAL;
            case 1:
                return Priority.HIGH;
            case 2:
                return Priority.NORMAL;
            case 3:
                return Priority.LOW;
            default:
                throw new IllegalArgumentException("no priority has wire code " + code + " (codes are 0 to 3)");
        }
    }
}
