package io.hftbus.bench.journal;

import java.nio.ByteBuffer;

/** The hand-written codec's UTF-8, as it was: lengths counted, bytes written straight into the buffer. */
final class HandWrittenUtf8 {

    private static final byte REPLACEMENT = (byte) '?';

    private HandWrittenUtf8() {
    }

    /** The number of UTF-8 bytes of {@code s}. */
    static int encodedLength(String s) {
        int length = s.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // four bytes for the pair of two chars
                i++;
            } else if (Character.isSurrogate(c)) {
                // unpaired: one replacement byte, already counted
                continue;
            } else {
                bytes += 2;
            }
        }
        return bytes;
    }

    /** Writes the length of {@code s} in UTF-8 bytes (4 bytes, big-endian), then the bytes. */
    static void put(String s, ByteBuffer out) {
        out.putInt(encodedLength(s));
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | (c >>> 6)));
                out.put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xF0 | (codePoint >>> 18)));
                out.put((byte) (0x80 | ((codePoint >>> 12) & 0x3F)));
                out.put((byte) (0x80 | ((codePoint >>> 6) & 0x3F)));
                out.put((byte) (0x80 | (codePoint & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                out.put(REPLACEMENT);
            } else {
                out.put((byte) (0xE0 | (c >>> 12)));
                out.put((byte) (0x80 | ((c >>> 6) & 0x3F)));
                out.put((byte) (0x80 | (c & 0x3F)));
            }
        }
    }
}
