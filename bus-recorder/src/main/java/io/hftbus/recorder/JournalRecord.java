package io.hftbus.recorder;

import io.hftbus.api.Envelope;

/** One record of a journal file, as {@link JournalReader} reads it, with the byte offset it starts at. */
public sealed interface JournalRecord permits JournalRecord.Published, JournalRecord.Refused {

    /** The byte offset of the record in its file. */
    long offset();

    /** The recorded bus sequence the record is about. */
    long sequence();

    /**
     * An envelope the recorded bus announced, with its recorded sequence, publish time, priority
     * and event.
     *
     * @param offset   the byte offset of the record
     * @param envelope the recorded envelope
     */
    record Published(long offset, Envelope<?> envelope) implements JournalRecord {

        /** Validates the record. */
        public Published {
            if (offset < 0) {
                throw new IllegalArgumentException("Published.offset must be >= 0 but was " + offset);
            }
            if (envelope == null) {
                throw new NullPointerException("Published.envelope must not be null");
            }
        }

        @Override
        public long sequence() {
            return envelope.sequence();
        }
    }

    /**
     * The recorded bus refused the envelope of {@code sequence} (its lane was full, or a timed-out
     * close took it off its lane): it reached no subscriber. Its {@link Published} record is in the
     * same file, usually before this one, possibly after.
     *
     * @param offset   the byte offset of the record
     * @param sequence the refused envelope's sequence
     */
    record Refused(long offset, long sequence) implements JournalRecord {

        /** Validates the record. */
        public Refused {
            if (offset < 0) {
                throw new IllegalArgumentException("Refused.offset must be >= 0 but was " + offset);
            }
            if (sequence < 0) {
                throw new IllegalArgumentException("Refused.sequence must be >= 0 but was " + sequence);
            }
        }
    }
}
