package io.hftbus.api.recorder;

import java.nio.file.Path;

/**
 * A moment's state of a recorder's journal file.
 *
 * <p>Every recorded envelope ends either written or lost: once the journal is closed,
 * {@code eventsWritten + eventsLost} equals the recorder's {@link EventRecorder#recordedCount()}.
 * A refusal that could not be written ({@code refusalsLost > 0}) leaves in the journal an event
 * that the bus never delivered, and that a replay of the journal would deliver.
 *
 * @param path            the file
 * @param eventsWritten   event records written to the file (handed to the operating system)
 * @param refusalsWritten refusal records written to the file
 * @param eventsLost      envelopes the journal could not take: a held-back publisher's wait ran
 *                        out or was interrupted, its queue was full and it drops by choice, the
 *                        record was too large, or the file had failed
 * @param refusalsLost    refusals the journal could not take, for the same reasons
 * @param bytesWritten    the file's length so far, header included
 * @param publishersHeldBack how many times a publisher found the journal's queue full and was
 *                        held back until the writer made room (a lossless journal that fell
 *                        behind); 0 for a journal that drops instead
 * @param heldBackNanos   how long publishers were held back, in all, in nanoseconds
 * @param closed          whether the journal was flushed, synced to the device and closed
 * @param failure         why writing stopped, or empty while it works
 */
public record JournalStatus(Path path, long eventsWritten, long refusalsWritten, long eventsLost,
                            long refusalsLost, long bytesWritten, long publishersHeldBack, long heldBackNanos,
                            boolean closed, String failure) {

    /** Validates the record. */
    public JournalStatus {
        if (path == null) {
            throw new NullPointerException("JournalStatus.path must not be null");
        }
        if (failure == null) {
            throw new NullPointerException("JournalStatus.failure must not be null (empty when none)");
        }
        requireNonNegative(eventsWritten, "eventsWritten");
        requireNonNegative(refusalsWritten, "refusalsWritten");
        requireNonNegative(eventsLost, "eventsLost");
        requireNonNegative(refusalsLost, "refusalsLost");
        requireNonNegative(bytesWritten, "bytesWritten");
        requireNonNegative(publishersHeldBack, "publishersHeldBack");
        requireNonNegative(heldBackNanos, "heldBackNanos");
    }

    /** Whether writing stopped on an I/O error; {@link #failure()} says which. */
    public boolean failed() {
        return !failure.isEmpty();
    }

    /** Whether anything, event or refusal, could not be written. */
    public boolean lostAny() {
        return eventsLost > 0 || refusalsLost > 0;
    }

    private static void requireNonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException("JournalStatus." + field + " must be >= 0 but was " + value);
        }
    }
}
