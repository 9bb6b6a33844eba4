package io.hftbus.recorder;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.recorder.ReplayOptions;
import io.hftbus.api.recorder.ReplayResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes recorded envelopes into a bus again: from a list (an {@link io.hftbus.api.recorder.EventRecorder}'s
 * {@code events()}) or from a journal file. What a replay keeps and what the target assigns anew is
 * described on {@link ReplayOptions}.
 *
 * <p>A replay runs on the calling thread and returns when the last event was published (not
 * delivered: the target delivers on its own dispatch threads; close it, or await its subscribers,
 * to wait for delivery).
 */
public final class Replayer {

    /**
     * How many records a journal replay holds back to put them in sequence order. Concurrent
     * publishers record their envelopes in the order they reach the recorder, which may differ
     * from sequence order by as many envelopes as were published while one publisher was between
     * claiming its sequence and recording it: nanoseconds, or a scheduling quantum at worst.
     */
    public static final int REORDER_WINDOW = 65_536;

    /** Waits longer than this are parked, shorter ones spun, so that paced replay keeps its timing. */
    private static final long SPIN_THRESHOLD_NANOS = 50_000L;

    private static final Comparator<Envelope<?>> BY_SEQUENCE = Comparator.comparingLong(Envelope::sequence);

    private Replayer() {
    }

    /**
     * Replays {@code events} into {@code target}, in the list's order (an {@code EventRecorder}'s
     * {@code events()} are in sequence order).
     *
     * @throws InterruptedException                if interrupted while a paced replay waits
     * @throws io.hftbus.api.BusClosedException    if {@code target} is closed
     * @throws io.hftbus.api.BackpressureException if a lane of {@code target} refused an event by its policy
     */
    public static ReplayResult replay(List<? extends Envelope<?>> events, EventBus target, ReplayOptions options)
            throws InterruptedException {
        return replay(events, 0L, target, options);
    }

    /** As {@link #replay(List, EventBus, ReplayOptions)}, counting {@code refusedAtRecording} already left out. */
    static ReplayResult replay(List<? extends Envelope<?>> events, long refusedAtRecording, EventBus target,
                               ReplayOptions options) throws InterruptedException {
        requireArguments(target, options);
        Pacer pacer = new Pacer(target, options);
        for (Envelope<?> envelope : events) {
            pacer.publish(envelope);
        }
        return pacer.result(refusedAtRecording);
    }

    /**
     * Replays a journal into {@code target}, streaming: in sequence order (within
     * {@link #REORDER_WINDOW}; a record later than that in the file is published where the file has
     * it), without the envelopes the recorded bus refused. The file is read twice: once for its
     * refusals, once for its events. A torn tail ends the replay after the last complete record.
     *
     * @throws JournalFormatException              if the file is damaged; the events before the
     *                                             damage may have been published
     * @throws IOException                         if the file cannot be read
     * @throws InterruptedException                if interrupted while a paced replay waits
     * @throws io.hftbus.api.BusClosedException    if {@code target} is closed
     * @throws io.hftbus.api.BackpressureException if a lane of {@code target} refused an event by its policy
     */
    public static ReplayResult replay(Path journal, EventBus target, ReplayOptions options)
            throws IOException, InterruptedException {
        requireArguments(target, options);
        if (journal == null) {
            throw new NullPointerException("journal must not be null");
        }
        Set<Long> refused = new HashSet<>();
        try (JournalReader reader = JournalReader.open(journal)) {
            for (JournalRecord record; (record = reader.next()) != null; ) {
                if (record instanceof JournalRecord.Refused) {
                    refused.add(record.sequence());
                }
            }
        }
        Pacer pacer = new Pacer(target, options);
        long refusedFound = 0;
        PriorityQueue<Envelope<?>> window = new PriorityQueue<>(BY_SEQUENCE);
        try (JournalReader reader = JournalReader.open(journal)) {
            for (JournalRecord record; (record = reader.next()) != null; ) {
                if (!(record instanceof JournalRecord.Published)) {
                    continue;
                }
                Envelope<?> envelope = ((JournalRecord.Published) record).envelope();
                if (refused.contains(envelope.sequence())) {
                    refusedFound++;
                    continue;
                }
                window.add(envelope);
                if (window.size() > REORDER_WINDOW) {
                    pacer.publish(window.poll());
                }
            }
        }
        while (!window.isEmpty()) {
            pacer.publish(window.poll());
        }
        return pacer.result(refusedFound);
    }

    private static void requireArguments(EventBus target, ReplayOptions options) {
        if (target == null) {
            throw new NullPointerException("target bus must not be null");
        }
        if (options == null) {
            throw new NullPointerException("replay options must not be null");
        }
    }

    /** Publishes envelopes one after the other, waiting out the recorded gaps when paced. */
    private static final class Pacer {

        private final EventBus target;
        private final ReplayOptions options;
        private final boolean paced;
        private long firstRecordedNanos;
        private long startNanos;
        private boolean started;
        private long published;
        private long notAccepted;
        private long filteredOut;

        Pacer(EventBus target, ReplayOptions options) {
            this.target = target;
            this.options = options;
            this.paced = options.isPaced();
        }

        void publish(Envelope<?> envelope) throws InterruptedException {
            if (!options.includes(envelope.type())) {
                filteredOut++;
                return;
            }
            if (paced) {
                awaitSchedule(envelope.publishNanos());
            }
            if (target.publish(envelope.event(), envelope.priority()) == EventBus.NOT_ACCEPTED) {
                notAccepted++;
            } else {
                published++;
            }
        }

        private void awaitSchedule(long recordedNanos) throws InterruptedException {
            if (!started) {
                started = true;
                firstRecordedNanos = recordedNanos;
                startNanos = System.nanoTime();
                return;
            }
            // Differences of nanoTime readings, so that the scale survives their wrap-around.
            long due = startNanos + (long) ((recordedNanos - firstRecordedNanos) / options.speed());
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("replay interrupted while waiting for the recorded pace");
                }
                if (wait > SPIN_THRESHOLD_NANOS) {
                    LockSupport.parkNanos(this, wait - SPIN_THRESHOLD_NANOS);
                } else {
                    Thread.onSpinWait();
                }
            }
        }

        ReplayResult result(long refusedAtRecording) {
            return new ReplayResult(published, notAccepted, filteredOut, refusedAtRecording);
        }
    }
}
