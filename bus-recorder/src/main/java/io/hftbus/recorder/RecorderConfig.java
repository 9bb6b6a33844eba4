package io.hftbus.recorder;

import java.nio.file.Path;

/**
 * Settings of a {@link BusRecorder}. Bind one in a Dagger component to configure the
 * {@link RecorderModule}'s recorder; without one it uses {@link #defaults()}.
 *
 * @param ringCapacity          envelopes the in-memory ring keeps, within {@code [0, 2^30]},
 *                              rounded up to a power of two; 0 keeps none (a journal-only recorder)
 * @param journal               the journal file to create, or {@code null} for none; it must not
 *                              exist yet (a journal is never appended to nor overwritten)
 * @param journalQueueCapacity  envelopes that may wait for the journal's writer thread, within
 *                              {@code [2, 2^30]}, rounded up to a power of two; what arrives while
 *                              it is full is counted as lost
 */
public record RecorderConfig(int ringCapacity, Path journal, int journalQueueCapacity) {

    /** Envelopes kept in memory by default: the last 100,000, rounded up to a power of two. */
    public static final int DEFAULT_RING_CAPACITY = 100_000;
    /** Enough for tens of milliseconds of a million events a second while the disk stalls. */
    public static final int DEFAULT_JOURNAL_QUEUE_CAPACITY = 65_536;

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
    }

    /** A ring of {@value #DEFAULT_RING_CAPACITY} envelopes and no journal. */
    public static RecorderConfig defaults() {
        return new RecorderConfig(DEFAULT_RING_CAPACITY, null, DEFAULT_JOURNAL_QUEUE_CAPACITY);
    }

    /** A ring of {@code ringCapacity} envelopes and no journal. */
    public static RecorderConfig withRecording(int ringCapacity) {
        return defaults().withRingCapacity(ringCapacity);
    }

    /** These settings with a ring of {@code capacity}. */
    public RecorderConfig withRingCapacity(int capacity) {
        return new RecorderConfig(capacity, journal, journalQueueCapacity);
    }

    /** These settings, also writing a journal to {@code file}, which must not exist yet. */
    public RecorderConfig withJournal(Path file) {
        if (file == null) {
            throw new NullPointerException("RecorderConfig.journal must not be null here; use defaults() for none");
        }
        return new RecorderConfig(ringCapacity, file, journalQueueCapacity);
    }

    /** These settings with a journal queue of {@code capacity}. */
    public RecorderConfig withJournalQueueCapacity(int capacity) {
        return new RecorderConfig(ringCapacity, journal, capacity);
    }

    /** Whether a journal is written. */
    public boolean hasJournal() {
        return journal != null;
    }
}
