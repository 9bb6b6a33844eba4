package io.hftbus.api.stats;

import io.hftbus.api.event.EventType;

/**
 * Counters and latency of one event type.
 *
 * @param type              the event type
 * @param published         events of the type that claimed a sequence
 * @param received          deliveries to subscribers (one event to three subscribers counts three)
 * @param droppedLaneFull   events refused by a full lane (each reached no subscriber)
 * @param droppedStreamLagging envelopes a lagging stream dropped (per stream)
 * @param droppedBusClosed  deliveries lost to a timed-out close (each reached no subscriber)
 * @param handlerFailures   handler calls that threw
 * @param latency           publish-to-delivery latency
 */
public record TypeStats(EventType type, long published, long received, long droppedLaneFull,
                        long droppedStreamLagging, long droppedBusClosed, long handlerFailures,
                        LatencySnapshot latency) {

    /** Validates the record. */
    public TypeStats {
        if (type == null) {
            throw new NullPointerException("TypeStats.type must not be null");
        }
        if (latency == null) {
            throw new NullPointerException("TypeStats.latency must not be null");
        }
    }

    /** All drops, whatever the reason. */
    public long dropped() {
        return droppedLaneFull + droppedStreamLagging + droppedBusClosed;
    }
}
