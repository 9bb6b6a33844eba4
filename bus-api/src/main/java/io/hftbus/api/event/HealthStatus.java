package io.hftbus.api.event;

/** State of a component as reported by {@link HealthEvent}. */
public enum HealthStatus implements WireCoded {
    /** Working normally. */
    HEALTHY(0),
    /** Working with reduced capacity or increased latency. */
    DEGRADED(1),
    /** Not working. */
    UNHEALTHY(2);

    private final int wireCode;

    HealthStatus(int wireCode) {
        this.wireCode = wireCode;
    }

    /** {@inheritDoc} */
    @Override
    public int wireCode() {
        return wireCode;
    }
}
