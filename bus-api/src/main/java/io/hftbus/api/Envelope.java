package io.hftbus.api;

import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;

/**
 * One published event with what the bus stamped on it. The bus creates exactly one envelope per
 * accepted event and hands the same instance to every subscriber, so it is immutable and must not
 * be mutated through its event either (events are records; they cannot be).
 *
 * @param sequence     the bus's sequence number: unique per bus, increasing in claim order
 *                     across all publishers, {@code >= 0}
 * @param publishNanos {@link System#nanoTime()} when {@code publish} was called; comparable only
 *                     with other {@code nanoTime} readings of the same JVM
 * @param priority     the lane it travelled in
 * @param event        the event
 * @param <E>          the event's record type
 */
public record Envelope<E extends Event>(long sequence, long publishNanos, Priority priority, E event) {

    /** Validates the envelope. */
    public Envelope {
        if (sequence < 0) {
            throw new IllegalArgumentException("Envelope.sequence must be >= 0 but was " + sequence);
        }
        if (priority == null) {
            throw new NullPointerException("Envelope.priority must not be null");
        }
        if (event == null) {
            throw new NullPointerException("Envelope.event must not be null");
        }
    }

    /** The type of the event; shorthand for {@code event().type()}. */
    public EventType type() {
        return event.type();
    }
}
