package io.hftbus.recorder;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of a {@link BusRecorder}. Bind one in a Dagger component to configure the
 * {@link RecorderModule}'s recorder; without one it uses {@link #defaults()}.
 *
 * @param ringCapacity         envelopes the in-memory ring keeps, within {@code [0, 2^30]},
 *                             rounded up to a power of two; 0 keeps none (a journal-only recorder)
 * @param journal              the journal file to create, or {@code null} for none; it must not
 *                             exist yet (a journal is never appended to nor overwritten)
 * @param journalQueueCapacity envelopes that may wait for the journal's writer thread, within
 *                             {@code [2, 2^30]}, rounded up to a power of two
 * @param journalOverflow      what happens when that queue is full: the publisher is held back
 *                             ({@link JournalOverflow#BLOCK}, the default, lossless) or the event is
 *                             counted as lost ({@link JournalOverflow#DROP}, by choice)
 * @param journalHoldTimeout   how long {@link JournalOverflow#BLOCK} holds a publisher back at most
 *                             before it counts the event as lost; positive
 */
public record RecorderConfig(int ringCapacity, Path journal, int journalQueueCapacity,
                             JournalOverflow journalOverflow, Duration journalHoldTimeout) {

    /** Envelopes kept in memory by default: the last 100,000, rounded up to a power of two. */
    public static final int DEFAULT_RING_CAPACITY = 100_000;
    /** Enough for tens of milliseconds of a million events a second while the disk stalls. */
    public static final int DEFAULT_JOURNAL_QUEUE_CAPACITY = 65_536;
    /**
     * Long enough to ride out a stalled disk, short enough that a journal that stopped for good
     * (a dead device) does not hang its publishers: they then lose, and count, what they publish.
     */
    public static final Duration DEFAULT_JOURNAL_HOLD_TIMEOUT = Duration.ofSeconds(10);

    private static final int MAX_CAPACITY = 1 << 30;

    /** Validates the settings. */
    public RecorderConfig {
        if (ringCapacity < 0 || ringCapacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("RecorderConfig.ringCapacity must be within [0, " + MAX_CAPACITY
                    + "] but was " + ringCapacity);
        }
        if (journalQueueCapacity < 2 || journalQueueCapacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("RecorderConfig.journalQueueCapacity must be within [2, "
                    + MAX_CAPACITY + "] but was " + journalQueueCapacity);
        }
        if (journalOverflow == null) {
            throw new NullPointerException("RecorderConfig.journalOverflow must not be null");
        }
        if (journalHoldTimeout == null) {
            throw new NullPointerException("RecorderConfig.journalHoldTimeout must not be null");
        }
        if (journalHoldTimeout.isNegative() || journalHoldTimeout.isZero()) {
            throw new IllegalArgumentException("RecorderConfig.journalHoldTimeout must be positive but was "
                    + journalHoldTimeout);
        }
    }

    /** A ring of {@value #DEFAULT_RING_CAPACITY} envelopes and no journal. */
    public static RecorderConfig defaults() {
        return new RecorderConfig(DEFAULT_RING_CAPACITY, null, DEFAULT_JOURNAL_QUEUE_CAPACITY, JournalOverflow.BLOCK,
                DEFAULT_JOURNAL_HOLD_TIMEOUT);
    }

    /** A ring of {@code ringCapacity} envelopes and no journal. */
    public static RecorderConfig withRecording(int ringCapacity) {
        return defaults().withRingCapacity(ringCapacity);
    }

    /** These settings with a ring of {@code capacity}. */
    public RecorderConfig withRingCapacity(int capacity) {
        return new RecorderConfig(capacity, journal, journalQueueCapacity, journalOverflow, journalHoldTimeout);
    }

    /** These settings, also writing a journal to {@code file}, which must not exist yet. */
    public RecorderConfig withJournal(Path file) {
        if (file == null) {
            throw new NullPointerException("RecorderConfig.journal must not be null here; use defaults() for none");
        }
        return new RecorderConfig(ringCapacity, file, journalQueueCapacity, journalOverflow, journalHoldTimeout);
    }

    /** These settings with a journal queue of {@code capacity}. */
    public RecorderConfig withJournalQueueCapacity(int capacity) {
        return new RecorderConfig(ringCapacity, journal, capacity, journalOverflow, journalHoldTimeout);
    }

    /** These settings with {@code overflow} for a full journal queue. */
    public RecorderConfig withJournalOverflow(JournalOverflow overflow) {
        return new RecorderConfig(ringCapacity, journal, journalQueueCapacity, overflow, journalHoldTimeout);
    }

    /** These settings, holding a publisher back for at most {@code timeout} when the journal is behind. */
    public RecorderConfig withJournalHoldTimeout(Duration timeout) {
        return new RecorderConfig(ringCapacity, journal, journalQueueCapacity, journalOverflow, timeout);
    }

    /** Whether a journal is written. */
    public boolean hasJournal() {
        return journal != null;
    }
}
