package io.hftbus.recorder;

/**
 * What a journal's file header says.
 *
 * @param version           the format version: 1 or 2
 * @param createdEpochNanos when the file was created, nanoseconds since the Unix epoch (wall
 *                          clock), or {@link #UNKNOWN} (format 1 does not record it)
 * @param createdNanoTime   {@link System#nanoTime()} of the writing JVM at that moment, or
 *                          {@link #UNKNOWN}: together with {@code createdEpochNanos}, it turns the
 *                          envelopes' publish times into wall-clock times
 */
public record JournalHeader(int version, long createdEpochNanos, long createdNanoTime) {

    /** A time the header does not record. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    /** Whether the header records when the file was created (format 2 does). */
    public boolean hasCreationTime() {
        return createdEpochNanos != UNKNOWN;
    }

    /**
     * The wall-clock time, in nanoseconds since the epoch, of a publish time stamped by the JVM
     * that wrote the file, or {@link #UNKNOWN} if the header has no creation time.
     */
    public long epochNanosOf(long publishNanos) {
        return hasCreationTime() ? createdEpochNanos + (publishNanos - createdNanoTime) : UNKNOWN;
    }
}
