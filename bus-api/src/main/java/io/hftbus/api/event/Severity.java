package io.hftbus.api.event;

/** How serious an {@link ErrorEvent} is. */
public enum Severity implements WireCoded {
    /** Unexpected but handled; processing goes on unchanged. */
    WARNING(0),
    /** An operation failed; the component goes on. */
    ERROR(1),
    /** The component cannot go on. */
    FATAL(2);

    private final int wireCode;

    Severity(int wireCode) {
        this.wireCode = wireCode;
    }

    /** {@inheritDoc} */
    @Override
    public int wireCode() {
        return wireCode;
    }
}
