package io.hftbus.recorder;

import io.hftbus.api.Envelope;
import java.nio.file.Path;
import java.util.List;

/**
 * A whole journal as {@link JournalReader#readAll(Path)} read it.
 *
 * @param file       the file
 * @param events     the recorded envelopes in file order, those the recorded bus refused left
 *                   out; immutable
 * @param refused    how many recorded envelopes were left out as refused
 * @param endOffset  where reading stopped: the end of the last complete record
 * @param fileLength the file's length
 * @param tornTail   whether the file ends in an incomplete record, from {@code endOffset} to
 *                   {@code fileLength}
 */
public record JournalContents(Path file, List<Envelope<?>> events, long refused, long endOffset, long fileLength,
                              boolean tornTail) {

    /** Validates the record; the list is copied. */
    public JournalContents {
        if (file == null) {
            throw new NullPointerException("JournalContents.file must not be null");
        }
        events = List.copyOf(events);
        if (refused < 0) {
            throw new IllegalArgumentException("JournalContents.refused must be >= 0 but was " + refused);
        }
        if (endOffset < 0 || endOffset > fileLength) {
            throw new IllegalArgumentException("JournalContents.endOffset must be within [0, " + fileLength
                    + "] but was " + endOffset);
        }
    }
}
