package io.hftbus.recorder;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A journal file that cannot be read as one: it is no journal, has a version this code does not
 * read, holds a damaged record, or names what this code does not know. The message names the file,
 * the byte offset, the {@link Problem} and what was found.
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
        /**
         * A record's length is out of range, or (format 1) its length word fails its check byte.
         */
        CORRUPTED_LENGTH,
        /** A record's header (its length and payload checksum) does not match its own CRC32C (format 2). */
        CORRUPTED_RECORD_HEADER,
        /** A record's payload does not match its CRC32C checksum. */
        BAD_CHECKSUM,
        /** A record's payload passed its checksum but is not a valid record (written by other code). */
        MALFORMED_RECORD,
        /**
         * A record names a code this reader does not know: a record kind, a priority, or an event
         * type that is no type of this version, or that no schema record of the file described.
         */
        UNKNOWN_CODE,
        /**
         * The file's schema of an event type cannot be reconciled with this version's record: a
         * field changed its kind, or a field the writer lacked has no default.
         */
        INCOMPATIBLE_SCHEMA
    }

    private final String file;
    private final long offset;
    private final Problem problem;
    private final String detail;

    /** An exception about the record or header at {@code offset} of {@code file}. */
    public JournalFormatException(Path file, long offset, Problem problem, String detail, Throwable cause) {
        super("journal " + file + " at offset " + offset + ": " + problem + ": " + detail, cause);
        this.file = String.valueOf(file);
        this.offset = offset;
        this.problem = problem;
        this.detail = detail;
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

    /** What was found, without the file, offset and problem. */
    public String detail() {
        return detail;
    }
}
