package io.hftbus.recorder;

import io.hftbus.api.BusObserver;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.EventType;
import io.hftbus.api.recorder.EventRecorder;
import io.hftbus.api.recorder.JournalStatus;
import io.hftbus.api.recorder.ReplayOptions;
import io.hftbus.api.recorder.ReplayResult;
import io.hftbus.recorder.internal.JournalWriter;
import io.hftbus.recorder.internal.RecordingRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records what a bus publishes: the {@link BusObserver} behind the {@link EventRecorder} view.
 *
 * <p>With Dagger, name {@link RecorderModule} in the component. Without:
 * <pre>{@code
 * BusRecorder recorder = BusRecorder.create();                 // the last 100,000 envelopes
 * try (EventBus bus = EventBus.builder().observer(recorder).build()) {
 *     bus.publish(tick);
 * }
 * for (Envelope<?> envelope : recorder.events()) { ... }
 * }</pre>
 *
 * <p><b>Per event</b> ({@link #onPublished}, on the publishing thread): one atomic increment that
 * gives the event its place in the recorder's order, one compare-and-set into the ring, and with a
 * journal one offer to its MPSC queue. No lock, no allocation. The recorder keeps the order in
 * which it was told of the events, which is neither sequence order nor dense (publishers claim
 * sequences in blocks); reads, journals and replays keep that order.
 *
 * <p><b>A journal that falls behind</b> holds the publisher back, by default: the journal is
 * lossless, and the bus publishes no faster than the disk takes its records. The wait is bounded,
 * interruptible and counted; {@link JournalOverflow} says how, and how to choose dropping instead.
 *
 * <p><b>Refusals.</b> {@code onPublished} runs before the lane decides. When the bus then refuses
 * the envelope ({@link #onDropped} with no subscription: {@link DropReason#LANE_FULL}, or
 * {@link DropReason#BUS_CLOSED} after a timed-out close), the ring marks it refused, and the journal
 * appends a refusal record naming its sequence; snapshots, readers and replays leave it out. A
 * {@link DropReason#STREAM_LAGGING} drop is no refusal: the other subscribers got the event.
 *
 * <p><b>Lifecycle.</b> One recorder records one bus: it is attached when the bus is built, and
 * when the bus closes it drains, flushes, syncs and closes its journal (waiting up to
 * {@link #JOURNAL_CLOSE_TIMEOUT}). {@link #close()} does the same for a recorder whose bus is gone
 * another way, or that never got one. The ring stays readable after close.
 *
 * <p>Thread-safe.
 */
public final class BusRecorder implements EventRecorder, BusObserver, AutoCloseable {

    /** How long closing waits for the journal's writer thread to drain and sync. */
    public static final Duration JOURNAL_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final RecordingRing ring;
    private final JournalWriter journal;
    private final AtomicReference<EventBus> bus = new AtomicReference<>();

    private BusRecorder(RecordingRing ring, JournalWriter journal) {
        this.ring = ring;
        this.journal = journal;
    }

    /** A recorder with {@link RecorderConfig#defaults()}: a ring of 100,000 envelopes, no journal. */
    public static BusRecorder create() {
        return create(RecorderConfig.defaults());
    }

    /**
     * A recorder with {@code config}; creates its journal file, if any.
     *
     * @throws UncheckedIOException if the journal file exists already or cannot be created
     */
    public static BusRecorder create(RecorderConfig config) {
        if (config == null) {
            throw new NullPointerException("config must not be null");
        }
        JournalWriter journal = null;
        if (config.hasJournal()) {
            try {
                journal = new JournalWriter(config.journal(), config.journalQueueCapacity(), config.journalOverflow(),
                        config.journalHoldTimeout());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the journal " + config.journal() + ": "
                        + whyNotCreated(config.journal(), e), e);
            }
        }
        return new BusRecorder(new RecordingRing(config.ringCapacity()), journal);
    }

    /** Why creating {@code journal} failed, in words: the file system's exceptions name only the path. */
    private static String whyNotCreated(Path journal, IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return "it exists already, and a journal is never appended to nor overwritten";
        }
        Path directory = journal.toAbsolutePath().getParent();
        if (e instanceof NoSuchFileException && directory != null && !Files.isDirectory(directory)) {
            return "the directory " + directory + " does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    // ------------------------------------------------------------------------------------------------
    // BusObserver

    /**
     * Attaches the recorder to the bus being built; starts the journal's writer thread.
     *
     * @throws IllegalStateException if it already records another bus (sequences would collide)
     */
    @Override
    public void onAttached(EventBus bus) {
        if (!this.bus.compareAndSet(null, bus)) {
            throw new IllegalStateException("a BusRecorder records one bus; it already records '"
                    + this.bus.get().name() + "' and cannot also record '" + bus.name() + "'");
        }
        if (journal != null) {
            journal.start(bus.name());
        }
    }

    /** Records the envelope; publisher thread, lock-free, allocation-free. */
    @Override
    public void onPublished(Envelope<?> envelope) {
        ring.record(envelope);
        if (journal != null) {
            journal.offerEvent(envelope);
        }
    }

    /** Marks the envelope refused if it reached no subscriber; lock-free, allocation-free. */
    @Override
    public void onDropped(Envelope<?> envelope, Subscription subscription, DropReason reason) {
        if (subscription != null) {
            return; // a lagging stream: the event was delivered to the others
        }
        ring.refuse(envelope);
        if (journal != null) {
            journal.offerRefusal(envelope);
        }
    }

    /** Closes the journal: drains, flushes, syncs to the device; on the closing thread. */
    @Override
    public void onClosed(EventBus bus) {
        close();
    }

    /** Closes the journal, if any, as when the bus closes. Idempotent; the ring stays readable. */
    @Override
    public void close() {
        if (journal != null) {
            journal.close(JOURNAL_CLOSE_TIMEOUT);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // EventRecorder

    @Override
    public int capacity() {
        return ring.capacity();
    }

    @Override
    public long recordedCount() {
        return ring.recordedCount();
    }

    @Override
    public long overwrittenCount() {
        return ring.overwrittenCount();
    }

    @Override
    public long refusedCount() {
        return ring.refusedCount();
    }

    @Override
    public List<Envelope<?>> events() {
        return ring.snapshot(envelope -> true);
    }

    @Override
    public List<Envelope<?>> events(EventType type) {
        if (type == null) {
            throw new NullPointerException("type must not be null");
        }
        return ring.snapshot(envelope -> envelope.type() == type);
    }

    @Override
    public List<Envelope<?>> events(Set<EventType> types) {
        if (types == null) {
            throw new NullPointerException("types must not be null");
        }
        Set<EventType> wanted = EnumSet.noneOf(EventType.class);
        // Iterated, not asked contains(null): Set.of and other null-hostile sets throw there.
        for (EventType type : types) {
            if (type == null) {
                throw new NullPointerException("types must not contain null but was " + types);
            }
            wanted.add(type);
        }
        return ring.snapshot(envelope -> wanted.contains(envelope.type()));
    }

    @Override
    public List<Envelope<?>> eventsBySequence(long fromSequence, long toSequence) {
        requireRange(fromSequence, toSequence, "fromSequence", "toSequence");
        return ring.snapshot(envelope -> envelope.sequence() >= fromSequence && envelope.sequence() <= toSequence);
    }

    @Override
    public List<Envelope<?>> eventsByTime(long fromNanos, long toNanos) {
        requireRange(fromNanos, toNanos, "fromNanos", "toNanos");
        // Differences, not comparisons: nanoTime readings may wrap around. Unstamped envelopes have no time.
        return ring.snapshot(envelope -> envelope.isStamped() && envelope.publishNanos() - fromNanos >= 0
                && toNanos - envelope.publishNanos() >= 0);
    }

    @Override
    public Optional<JournalStatus> journal() {
        return journal == null ? Optional.empty() : Optional.of(journal.status());
    }

    @Override
    public ReplayResult replay(EventBus target, ReplayOptions options) throws InterruptedException {
        return Replayer.replay(events(), target, options);
    }

    @Override
    public String toString() {
        EventBus recorded = bus.get();
        return "BusRecorder[" + (recorded == null ? "not attached" : recorded.name()) + ", capacity " + capacity()
                + ", recorded " + recordedCount() + (journal == null ? "" : ", journal " + journal.path()) + "]";
    }

    private static void requireRange(long from, long to, String fromName, String toName) {
        if (from > to) {
            throw new IllegalArgumentException(fromName + " must be <= " + toName + " but " + fromName + " was "
                    + from + " and " + toName + " " + to);
        }
    }
}
