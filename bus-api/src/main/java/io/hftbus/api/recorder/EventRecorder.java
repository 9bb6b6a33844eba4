package io.hftbus.api.recorder;

import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.event.EventType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Read-only view of what a bus recorded, implemented by the {@code io.hftbus.recorder} module.
 *
 * <p><b>What is recorded.</b> Every envelope the bus announces to its observers, that is every
 * event that claimed a sequence, in a ring of {@link #capacity()} envelopes that overwrites the
 * oldest and counts what it overwrote. An event the bus then refused (its lane was full, or a
 * timed-out close took it off its lane undelivered: {@link DropReason#LANE_FULL} or
 * {@link DropReason#BUS_CLOSED} with no subscription) reached no subscriber; it is counted by
 * {@link #refusedCount()} and is left out of {@link #events()} and of every replay. While the lane
 * still decides, for the few nanoseconds between the announcement and the refusal, a snapshot may
 * include it.
 *
 * <p><b>Journal.</b> If the recorder was configured with a journal file, it also appends every
 * recorded envelope, and every refusal, to that file on a background thread; see
 * {@link #journal()}.
 *
 * <p><b>Threading.</b> Thread-safe. The recording itself happens inline on the publishing threads,
 * without a lock and without allocating. Reads return immutable snapshots, allocate, and may run
 * while events flow; a snapshot taken under load is a consistent set of envelopes in recorded
 * order, but may miss envelopes whose recording was under way while it was taken.
 *
 * <p><b>Order.</b> The recorder keeps the order in which the bus told it of the events (on the
 * publishing threads, before each lane decided). It is not sequence order: sequences increase per
 * publisher, are not dense (publishers claim them in blocks), and two publishers' sequences
 * interleave arbitrarily. Every list here, the journal and every replay keep the recorded order.
 */
public interface EventRecorder {

    /** How many envelopes the in-memory ring keeps (the configured capacity rounded up to a power of two). */
    int capacity();

    /** How many envelopes were recorded since the bus started, overwritten and refused ones included. */
    long recordedCount();

    /** How many recorded envelopes the ring no longer holds because newer ones took their place. */
    long overwrittenCount();

    /** How many recorded envelopes the bus refused afterwards, so that they reached no subscriber. */
    long refusedCount();

    /** The envelopes the ring holds, refused ones left out, in recorded order. */
    List<Envelope<?>> events();

    /** As {@link #events()}, only those of {@code type}. */
    List<Envelope<?>> events(EventType type);

    /**
     * As {@link #events()}, only those whose type is in {@code types}: any set (for example
     * {@link Set#of}) without a null element.
     */
    List<Envelope<?>> events(Set<EventType> types);

    /**
     * As {@link #events()}, only those whose sequence is within {@code [fromSequence, toSequence]}
     * (by value: sequences have gaps, and the result keeps the recorded order).
     */
    List<Envelope<?>> eventsBySequence(long fromSequence, long toSequence);

    /**
     * As {@link #events()}, only those whose {@link Envelope#publishNanos()} is within
     * {@code [fromNanos, toNanos]} ({@link System#nanoTime()} readings of this JVM); envelopes of a
     * bus that does not stamp ({@link Envelope#NOT_STAMPED}) have no time and are never included.
     */
    List<Envelope<?>> eventsByTime(long fromNanos, long toNanos);

    /** The state of the journal file, or empty if the recorder writes none. */
    Optional<JournalStatus> journal();

    /**
     * Publishes a snapshot of {@link #events()} into {@code target}, on the calling thread; see
     * {@link ReplayOptions} for what a replay keeps and what the target assigns anew.
     *
     * @throws IllegalArgumentException if the replay is paced and the recorded bus did not stamp
     *                                  publish times ({@link Envelope#NOT_STAMPED}); nothing is
     *                                  published, and an as-fast-as-possible replay works
     * @throws InterruptedException if the calling thread is interrupted while a paced replay waits;
     *                              the events before it were published
     * @throws io.hftbus.api.BusClosedException    if {@code target} is closed
     * @throws io.hftbus.api.BackpressureException if a lane of {@code target} refused an event by
     *                                             its policy (the replay stops there)
     */
    ReplayResult replay(EventBus target, ReplayOptions options) throws InterruptedException;
}
