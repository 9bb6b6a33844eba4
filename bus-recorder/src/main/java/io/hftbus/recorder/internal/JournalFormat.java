package io.hftbus.recorder.internal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The journal's binary layout, shared by the writer and the reader; {@code docs/journal-format.md}
 * documents it for readers in other languages. All numbers are big-endian.
 *
 * <p><b>Format 2</b>, written by this code:
 * <pre>
 * file    = header record*
 * header  = magic "HFTBJRNL" (8) | version 2 (4) | created, epoch nanos (8) | created, nanoTime (8)
 *           | CRC32C of the 28 bytes before (4)
 * record  = payload length (4) | CRC32C of the payload (4) | CRC32C of the 8 bytes before (4) | payload
 * payload = kind (1) | body
 *   SCHEMA  (3): type code (2) | the record schema of that type (see the codec's RecordSchema)
 *   EVENT   (1): priority code (1) | sequence (8) | publish nanos (8) | type code (2) | event body
 *   REFUSED (2): sequence (8) of an event record of the same file that reached no subscriber
 * </pre>
 * The writer puts one SCHEMA record per event type first; an event's body is laid out as its
 * type's schema in the same file says, so a later reader reads it whatever its records became.
 *
 * <p><b>Format 1</b>, read forever:
 * <pre>
 * header  = magic "HFTBJRNL" (8) | version 1 (4) | CRC32C of the 12 bytes before (4)
 * record  = length word (4) | CRC32C of the payload (4) | payload
 *   length word = check byte (high 8 bits) | payload length (low 24 bits); the check byte is the
 *                 XOR of the three length bytes and 0x5A
 * payload = kind (1) | body
 *   EVENT   (1): sequence (8) | publish nanos (8) | priority ordinal (1) | type ordinal (1) | event body
 *   REFUSED (2): sequence (8)
 * </pre>
 * Format 1 stored no schema: its bodies are laid out as {@link Format1Schemas} says, and its
 * ordinals are the wire codes of today's constants.
 */
public final class JournalFormat {

    /** "HFTBJRNL" in ASCII. */
    public static final long MAGIC = 0x4846_5442_4A52_4E4CL;
    /** The format this code writes. */
    public static final int VERSION = 2;
    /** The first format, which this code reads. */
    public static final int VERSION_1 = 1;
    /** Bytes of the magic and the version, common to every format. */
    public static final int PREAMBLE_LENGTH = 12;
    /** Bytes of a format-2 file header. */
    public static final int HEADER_LENGTH = 32;
    /** Bytes of a format-1 file header. */
    public static final int HEADER_LENGTH_1 = 16;
    /** Bytes of a format-2 record header before its payload. */
    public static final int FRAME_LENGTH = 12;
    /** Bytes of a format-1 record frame before its payload. */
    public static final int FRAME_LENGTH_1 = 8;
    /** The largest payload a record may have, in both formats. */
    public static final int MAX_PAYLOAD = (1 << 24) - 1;

    /** Payload kind of an event record. */
    public static final byte KIND_EVENT = 1;
    /** Payload kind of a refusal record. */
    public static final byte KIND_REFUSED = 2;
    /** Payload kind of a schema record (format 2). */
    public static final byte KIND_SCHEMA = 3;
    /** Payload bytes of a format-2 event record before the type code. */
    public static final int EVENT_PREFIX = 1 + 1 + 8 + 8;
    /** Payload bytes of a format-1 event record before the event body. */
    public static final int EVENT_PREFIX_1 = 1 + 8 + 8 + 1 + 1;
    /** Payload bytes of a refusal record, in both formats. */
    public static final int REFUSED_PAYLOAD = 1 + 8;
    /** The shortest payload of any format-2 record. */
    public static final int MIN_PAYLOAD = REFUSED_PAYLOAD;

    private static final int CHECK_SALT = 0x5A;

    private JournalFormat() {
    }

    /** Writes a format-2 file header at {@code out}'s position. */
    public static void putHeader(ByteBuffer out, CRC32C crc, long createdEpochNanos, long createdNanoTime) {
        int start = out.position();
        out.putLong(MAGIC).putInt(VERSION).putLong(createdEpochNanos).putLong(createdNanoTime);
        out.putInt(crc32c(crc, out.array(), out.arrayOffset() + start, HEADER_LENGTH - 4));
    }

    /**
     * Seals the format-2 record whose payload of {@code payloadLength} bytes follows the frame at
     * {@code frameStart}: writes its length, the payload's CRC and the header's CRC.
     */
    public static void sealFrame(ByteBuffer buffer, int frameStart, int payloadLength, CRC32C crc) {
        byte[] bytes = buffer.array();
        int base = buffer.arrayOffset() + frameStart;
        buffer.putInt(frameStart, payloadLength);
        buffer.putInt(frameStart + 4, crc32c(crc, bytes, base + FRAME_LENGTH, payloadLength));
        buffer.putInt(frameStart + 8, crc32c(crc, bytes, base, 8));
    }

    /** The payload length a format-1 length word holds, or {@code -1} if its check byte does not match. */
    public static int payloadLength1(int lengthWord) {
        int length = lengthWord & MAX_PAYLOAD;
        return (lengthWord >>> 24) == (((length >>> 16) ^ (length >>> 8) ^ length ^ CHECK_SALT) & 0xFF) ? length : -1;
    }

    /** The CRC32C of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static int crc32c(CRC32C crc, byte[] bytes, int offset, int length) {
        crc.reset();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
