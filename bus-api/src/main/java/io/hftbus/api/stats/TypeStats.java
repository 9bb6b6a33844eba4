package io.hftbus.api.stats;

import io.hftbus.api.event.EventType;

/**
 * Counters and latency of one event type. Every counter is {@code >= 0}.
 *
 * <p>For each subscriber, every event published while it was subscribed is either received or
 * dropped, so with {@code n} subscribers of the type for the whole run,
 * {@code received + droppedStreamLagging == (published - droppedLaneFull - droppedBusClosed) * n}.
 *
 * @param type                 the event type
 * @param published            events of the type that claimed a sequence, including those a full
 *                             lane then refused
 * @param received             deliveries to subscribers (one event to three subscribers counts
 *                             three); a handler call that threw counts here too
 * @param droppedLaneFull      events refused by a full lane (each reached no subscriber)
 * @param droppedStreamLagging envelopes a lagging stream dropped (per stream)
 * @param droppedBusClosed     events lost to a timed-out close (each reached no subscriber)
 * @param handlerFailures      handler calls that threw
 * @param latency              publish-to-dispatch latency, one value per dispatched envelope
 *                             (whatever its number of subscribers): from {@code publish} to the
 *                             moment the dispatch thread began delivering it (time spent in the
 *                             lane); {@link LatencySnapshot#UNAVAILABLE} on a bus that does not
 *                             stamp publish times
 */
public record TypeStats(EventType type, long published, long received, long droppedLaneFull,
                        long droppedStreamLagging, long droppedBusClosed, long handlerFailures,
                        LatencySnapshot latency) {

    /** Validates the record. */
    public TypeStats {
        if (type == null) {
            throw new NullPointerException("TypeStats.type must not be null");
        }
        requireNonNegative("published", published);
        requireNonNegative("received", received);
        requireNonNegative("droppedLaneFull", droppedLaneFull);
        requireNonNegative("droppedStreamLagging", droppedStreamLagging);
        requireNonNegative("droppedBusClosed", droppedBusClosed);
        requireNonNegative("handlerFailures", handlerFailures);
        if (latency == null) {
            throw new NullPointerException("TypeStats.latency must not be null");
        }
    }

    private static void requireNonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("TypeStats." + field + " must be >= 0 but was " + value);
        }
    }

    /** All drops, whatever the reason. */
    public long dropped() {
        return droppedLaneFull + droppedStreamLagging + droppedBusClosed;
    }
}
