package io.hftbus.recorder;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.recorder.ReplayOptions;
import io.hftbus.api.recorder.ReplayResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
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

    /** Waits longer than this are parked, shorter ones spun, so that paced replay keeps its timing. */
    private static final long SPIN_THRESHOLD_NANOS = 50_000L;

    private Replayer() {
    }

    /**
     * Replays {@code events} into {@code target}, in the list's order (an {@code EventRecorder}'s
     * {@code events()} are in the order the recorder was told of them).
     *
     * @throws IllegalArgumentException            if the replay is paced and an envelope carries no
     *                                             publish time ({@link Envelope#NOT_STAMPED}); nothing
     *                                             is published then
     * @throws InterruptedException                if interrupted while a paced replay waits
     * @throws io.hftbus.api.BusClosedException    if {@code target} is closed
     * @throws io.hftbus.api.BackpressureException if a lane of {@code target} refused an event by its policy
     */
    public static ReplayResult replay(List<? extends Envelope<?>> events, EventBus target, ReplayOptions options)
            throws InterruptedException {
        requireArguments(target, options);
        if (events == null) {
            throw new NullPointerException("events must not be null");
        }
        Pacer pacer = new Pacer(target, options);
        if (pacer.paced) {
            for (Envelope<?> envelope : events) {
                requireStamped(envelope, "the recording");
            }
        }
        for (Envelope<?> envelope : events) {
            pacer.publish(envelope);
        }
        return pacer.result(0L);
    }

    /**
     * Replays a journal into {@code target}, streaming, in file order (the order the recorder was
     * told of the events), without the envelopes the recorded bus refused. The file is read twice:
     * once for its refusals (and, for a paced replay, to check that it has publish times), once for
     * its events. A torn tail ends the replay after the last complete record.
     *
     * @throws IllegalArgumentException            if the replay is paced and the journal was recorded
     *                                             by a bus that does not stamp publish times
     *                                             ({@link Envelope#NOT_STAMPED}); nothing is published
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
        Pacer pacer = new Pacer(target, options);
        Set<Long> refused = new HashSet<>();
        try (JournalReader reader = JournalReader.open(journal)) {
            for (JournalRecord record; (record = reader.next()) != null; ) {
                if (record instanceof JournalRecord.Refused) {
                    refused.add(record.sequence());
                } else if (pacer.paced) {
                    requireStamped(((JournalRecord.Published) record).envelope(), "the journal " + journal);
                }
            }
        }
        long refusedFound = 0;
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
                pacer.publish(envelope);
            }
        }
        return pacer.result(refusedFound);
    }

    private static void requireStamped(Envelope<?> envelope, String source) {
        if (!envelope.isStamped()) {
            throw new IllegalArgumentException("cannot replay " + source + " at its recorded pace: it was recorded by"
                    + " a bus that does not stamp publish times (sequence " + envelope.sequence() + " has"
                    + " Envelope.NOT_STAMPED); replay it with ReplayOptions.asFastAsPossible()");
        }
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
        final boolean paced;
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
