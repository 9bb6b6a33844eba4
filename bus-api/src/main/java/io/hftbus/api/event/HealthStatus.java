package io.hftbus.api.event;

/** State of a component as reported by {@link HealthEvent}. */
public enum HealthStatus {
    /** Working normally. */
    HEALTHY,
    /** Working with reduced capacity or increased latency. */
    DEGRADED,
    /** Not working. */
    UNHEALTHY
}
