package io.hftbus.api;

import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;

/**
 * One published event with what the bus stamped on it. The bus creates exactly one envelope per
 * accepted event and hands the same instance to every subscriber, so it is immutable and must not
 * be mutated through its event either (events are records; they cannot be).
 *
 * <p><b>Sequences.</b> A sequence is unique within its bus and increases with every event one
 * publisher publishes (one exclusive publisher handle, or one thread calling
 * {@link EventBus#publish(Event)}). Sequences of different publishers are not ordered against each
 * other and are not dense: publishers claim them in blocks, so gaps are normal. The order in which
 * a lane accepted its envelopes is the order in which they are delivered, not the order of their
 * sequences.
 *
 * <p><b>Publish time.</b> A bus stamps {@link System#nanoTime()} at publish by default (a batch
 * publish reads the clock once, so all of its envelopes share one time). A bus built with
 * {@link EventBusBuilder#stampPublishTime(boolean) stampPublishTime(false)} does not read the clock
 * at all: its envelopes carry {@link #NOT_STAMPED}, and latency derived from them is reported as
 * unavailable, never as a figure.
 *
 * <p><b>Origin.</b> An event published in this bus has origin {@link #LOCAL_ORIGIN}. An event that
 * came from elsewhere, such as another process's bus through a bridge, was published through an
 * {@link EventBus#exclusivePublisher(String, int) exclusive publisher of an origin}, and every
 * envelope that publisher makes carries that non-zero number. What a number stands for is the
 * business of whoever made the publisher (a bridge documents its own mapping); to the bus it is a
 * mark that travels with the envelope, so that a subscriber can tell local events from remote ones
 * and a bridge never sends a remote event back out. The field costs nothing: it fills the padding
 * of the envelope's 40-byte object. A journal does not record it; a replayed envelope is local.
 *
 * @param sequence     unique within the bus, increasing per publisher, {@code >= 0}
 * @param publishNanos {@link System#nanoTime()} when {@code publish} was called, comparable only
 *                     with other {@code nanoTime} readings of the same JVM; or {@link #NOT_STAMPED}
 * @param priority     the lane it travelled in
 * @param event        the event
 * @param origin       {@link #LOCAL_ORIGIN} for an event published in this bus, otherwise the
 *                     positive origin of the publisher that brought it in
 * @param <E>          the event's record type
 */
public record Envelope<E extends Event>(long sequence, long publishNanos, Priority priority, E event, int origin) {

    /** The {@link #origin()} of an event published in this bus rather than brought in from elsewhere. */
    public static final int LOCAL_ORIGIN = 0;

    /**
     * The {@link #publishNanos()} of an envelope whose bus does not stamp publish times. It is
     * {@link Long#MIN_VALUE}, which {@code System.nanoTime()} does not return in practice (it would
     * take a JVM whose clock origin lies about 292 years in the future).
     */
    public static final long NOT_STAMPED = Long.MIN_VALUE;

    /** An envelope of an event published in this bus: origin {@link #LOCAL_ORIGIN}. */
    public Envelope(long sequence, long publishNanos, Priority priority, E event) {
        this(sequence, publishNanos, priority, event, LOCAL_ORIGIN);
    }

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
        if (origin < 0) {
            throw new IllegalArgumentException("Envelope.origin must be >= 0 but was " + origin);
        }
    }

    /** The type of the event; shorthand for {@code event().type()}. */
    public EventType type() {
        return event.type();
    }

    /** Whether {@link #publishNanos()} holds a publish time rather than {@link #NOT_STAMPED}. */
    public boolean isStamped() {
        return publishNanos != NOT_STAMPED;
    }

    /** Whether the event was published in this bus: {@code origin() == LOCAL_ORIGIN}. */
    public boolean isLocal() {
        return origin == LOCAL_ORIGIN;
    }
}
