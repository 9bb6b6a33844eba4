package io.hftbus.api.recorder;

import io.hftbus.api.Envelope;
import io.hftbus.api.event.EventType;
import java.util.List;

/**
 * Read-only view of what a bus recorded, implemented by the {@code io.hftbus.recorder} module: the
 * original design's {@code bus.recorder().get_events()}.
 *
 * <p>The recorder keeps the most recent {@link #capacity()} envelopes and counts the ones it had to
 * overwrite. Thread-safe: reads return immutable snapshots and may run while events flow.
 */
public interface EventRecorder {

    /** How many envelopes the in-memory recording keeps. */
    int capacity();

    /** How many envelopes were recorded since the bus started, overwritten ones included. */
    long recordedCount();

    /** How many recorded envelopes were overwritten by newer ones. */
    long overwrittenCount();

    /** The envelopes kept, in publish (sequence) order. */
    List<Envelope<?>> events();

    /** The envelopes of one type kept, in publish order. */
    List<Envelope<?>> events(EventType type);

    /** The envelopes kept whose sequence is within {@code [fromSequence, toSequence]}, in publish order. */
    List<Envelope<?>> eventsBySequence(long fromSequence, long toSequence);

    /** The envelopes kept whose publish time is within {@code [fromNanos, toNanos]}, in publish order. */
    List<Envelope<?>> eventsByTime(long fromNanos, long toNanos);
}
