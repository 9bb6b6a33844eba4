package io.hftbus.bench.latency;

import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.testing.SampleEvents;

/**
 * The publisher's plan: event n is due at {@code start + n * period}, and is one of a ring of
 * pre-built events, so that publishing allocates nothing. The publisher writes the intended time of
 * event n into the ring before publishing it; the contender's hand-off (a release store or a lock
 * in every contender) makes that write visible to the receiver. The publisher never runs more than
 * {@link #RING} events ahead of the receiver, so a slot is not rewritten before it is read.
 */
final class Schedule {

    /** Ring size; larger than every contender's buffer. */
    static final int RING = 1 << 16;
    private static final int MASK = RING - 1;

    private final MarketDataEvent[] events = SampleEvents.ticks(RING);
    private final long[] intended = new long[RING];

    MarketDataEvent event(long index) {
        return events[(int) (index & MASK)];
    }

    long intendedNanos(long index) {
        return intended[(int) (index & MASK)];
    }

    void plan(long index, long intendedNanos) {
        intended[(int) (index & MASK)] = intendedNanos;
    }
}
