package io.hftbus.recorder.internal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The journal's binary layout, shared by the writer and the reader. All numbers are big-endian.
 *
 * <pre>
 * file    = header record*
 * header  = magic "HFTBJRNL" (8) | version (4) | CRC32C of the 12 bytes before (4)
 * record  = length word (4) | CRC32C of the payload (4) | payload (length bytes)
 *   length word = check byte (high 8 bits) | payload length (low 24 bits, at most 16 MiB - 1);
 *                 the check byte is the XOR of the three length bytes and 0x5A, so that a damaged
 *                 length is recognised before it sends the reader to a wrong offset
 * payload = kind (1) | body
 *   EVENT   (1): sequence (8) | publish nanos (8) | priority ordinal (1) | event type ordinal (1) | event body
 *   REFUSED (2): sequence (8) of an event record of the same file that reached no subscriber
 * </pre>
 */
public final class JournalFormat {

    /** "HFTBJRNL" in ASCII. */
    public static final long MAGIC = 0x4846_5442_4A52_4E4CL;
    /** The version this code writes and the only one it reads. */
    public static final int VERSION = 1;
    /** Bytes of the file header. */
    public static final int HEADER_LENGTH = 16;
    /** Bytes of a record's frame before its payload. */
    public static final int FRAME_LENGTH = 8;
    /** The largest payload a record may have. */
    public static final int MAX_PAYLOAD = (1 << 24) - 1;

    /** Payload kind of an event record. */
    public static final byte KIND_EVENT = 1;
    /** Payload kind of a refusal record. */
    public static final byte KIND_REFUSED = 2;
    /** Payload bytes of an event record before the event body. */
    public static final int EVENT_PREFIX = 1 + 8 + 8 + 1 + 1;
    /** Payload bytes of a refusal record. */
    public static final int REFUSED_PAYLOAD = 1 + 8;

    private static final int CHECK_SALT = 0x5A;

    private JournalFormat() {
    }

    /** The length word of a payload of {@code length} bytes. */
    public static int lengthWord(int length) {
        return (checkByte(length) << 24) | length;
    }

    /** The payload length the word holds, or {@code -1} if its check byte does not match. */
    public static int payloadLength(int lengthWord) {
        int length = lengthWord & MAX_PAYLOAD;
        return (lengthWord >>> 24) == checkByte(length) ? length : -1;
    }

    private static int checkByte(int length) {
        return ((length >>> 16) ^ (length >>> 8) ^ length ^ CHECK_SALT) & 0xFF;
    }

    /** Writes the file header at {@code out}'s position. */
    public static void putHeader(ByteBuffer out, CRC32C crc) {
        int start = out.position();
        out.putLong(MAGIC).putInt(VERSION);
        out.putInt(crc32c(crc, out.array(), out.arrayOffset() + start, 12));
    }

    /** The CRC32C of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static int crc32c(CRC32C crc, byte[] bytes, int offset, int length) {
        crc.reset();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
