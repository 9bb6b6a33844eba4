package io.hftbus.recorder;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A journal file that cannot be read as one: it is no journal, has a version this code does not
 * read, or holds a damaged record. The message names the file, the byte offset and the problem.
 *
 * <p>A record cut short at the end of the file is not damage but a torn tail (the process died
 * while writing it); the reader reports it without this exception, see {@link JournalReader}.
 */
public final class JournalFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Problem {
        /** The file does not start with the journal's magic bytes. */
        NOT_A_JOURNAL,
        /** The header names a format version this code does not read. */
        UNSUPPORTED_VERSION,
        /** The header's checksum does not match its bytes. */
        CORRUPTED_HEADER,
        /** A record's length word is damaged (its check byte does not match) or out of range. */
        CORRUPTED_LENGTH,
        /** A record's payload does not match its CRC32C checksum. */
        BAD_CHECKSUM,
        /** A record's payload passed its checksum but is not a valid record (written by other code). */
        MALFORMED_RECORD
    }

    private final String file;
    private final long offset;
    private final Problem problem;

    /** An exception about the record or header at {@code offset} of {@code file}. */
    public JournalFormatException(Path file, long offset, Problem problem, String detail, Throwable cause) {
        super("journal " + file + " at offset " + offset + ": " + problem + ": " + detail, cause);
        this.file = String.valueOf(file);
        this.offset = offset;
        this.problem = problem;
    }

    /** The file. */
    public Path file() {
        return Path.of(file);
    }

    /** The byte offset of the header or record at fault. */
    public long offset() {
        return offset;
    }

    /** What is wrong. */
    public Problem problem() {
        return problem;
    }
}
