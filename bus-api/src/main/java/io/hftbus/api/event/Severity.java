package io.hftbus.api.event;

/** How serious an {@link ErrorEvent} is. */
public enum Severity {
    /** Unexpected but handled; processing goes on unchanged. */
    WARNING,
    /** An operation failed; the component goes on. */
    ERROR,
    /** The component cannot go on. */
    FATAL
}
