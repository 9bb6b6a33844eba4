package io.hftbus.api.event;

/**
 * System performance of one component over a reporting interval.
 *
 * @param timestamp        end of the interval, nanoseconds since the epoch, {@code >= 0}
 * @param component        who reports, not blank
 * @param eventsPerSecond  throughput over the interval, finite and {@code >= 0}
 * @param latencyP50Nanos  median latency, {@code >= 0}
 * @param latencyP99Nanos  99th percentile latency, at least the median
 * @param latencyMaxNanos  highest latency, at least the 99th percentile
 * @param dropped          events dropped in the interval, {@code >= 0}
 */
public record PerformanceEvent(long timestamp, String component, double eventsPerSecond,
                               long latencyP50Nanos, long latencyP99Nanos, long latencyMaxNanos,
                               long dropped) implements Event {

    private static final String NAME = "PerformanceEvent";

    /** Validates every field and the order of the percentiles. */
    public PerformanceEvent {
        Checks.nonNegative(timestamp, NAME, "timestamp");
        Checks.nonBlank(component, NAME, "component");
        Checks.finiteNonNegative(eventsPerSecond, NAME, "eventsPerSecond");
        Checks.nonNegative(latencyP50Nanos, NAME, "latencyP50Nanos");
        Checks.nonNegative(latencyP99Nanos, NAME, "latencyP99Nanos");
        Checks.nonNegative(latencyMaxNanos, NAME, "latencyMaxNanos");
        Checks.nonNegative(dropped, NAME, "dropped");
        if (latencyP99Nanos < latencyP50Nanos || latencyMaxNanos < latencyP99Nanos) {
            throw new IllegalArgumentException(NAME + " latencies must satisfy p50 <= p99 <= max but were p50="
                    + latencyP50Nanos + " p99=" + latencyP99Nanos + " max=" + latencyMaxNanos);
        }
    }

    @Override
    public EventType type() {
        return EventType.PERFORMANCE;
    }
}
