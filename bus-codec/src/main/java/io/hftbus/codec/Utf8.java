package io.hftbus.codec;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Strings as their UTF-8 length (4 bytes, big-endian) and bytes, without the garbage of
 * {@link String#getBytes}: encoded straight into the buffer in one pass, the length written last.
 * An unpaired surrogate, which UTF-8 cannot express, is refused: the event records refuse them on
 * construction, so one reaching the codec is a record that does not validate its strings.
 */
final class Utf8 {

    private Utf8() {
    }

    /** The bytes {@link #put} writes for {@code s}: 4 and its UTF-8 length. */
    static int size(String s) {
        int length = s.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isSurrogate(c)) {
                bytes += 2; // four bytes for the pair of two chars; an unpaired one fails in put
                i++;
            } else {
                bytes += 2;
            }
        }
        return Integer.BYTES + bytes;
    }

    /**
     * Writes the UTF-8 length of {@code s} and its bytes at {@code out}'s position.
     *
     * @throws IllegalArgumentException if {@code s} holds an unpaired surrogate
     * @throws BufferOverflowException  if the buffer cannot take it (its position is then undefined)
     */
    static void put(String s, ByteBuffer out) {
        if (!out.hasArray()) {
            putSlow(s, out);
            return;
        }
        int lengthAt = out.position();
        byte[] bytes = out.array();
        int base = out.arrayOffset();
        int at = base + lengthAt + Integer.BYTES;
        int end = base + out.limit();
        int length = s.length();
        int i = 0;
        // ASCII, the common case: one byte per char, one bound check per char.
        for (; i < length && at < end; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            bytes[at++] = (byte) c;
        }
        for (; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (at >= end) {
                    throw new BufferOverflowException();
                }
                bytes[at++] = (byte) c;
            } else if (c < 0x800) {
                if (at + 2 > end) {
                    throw new BufferOverflowException();
                }
                bytes[at++] = (byte) (0xC0 | (c >>> 6));
                bytes[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                int codePoint = codePoint(s, i);
                i++;
                if (at + 4 > end) {
                    throw new BufferOverflowException();
                }
                bytes[at++] = (byte) (0xF0 | (codePoint >>> 18));
                bytes[at++] = (byte) (0x80 | ((codePoint >>> 12) & 0x3F));
                bytes[at++] = (byte) (0x80 | ((codePoint >>> 6) & 0x3F));
                bytes[at++] = (byte) (0x80 | (codePoint & 0x3F));
            } else {
                if (at + 3 > end) {
                    throw new BufferOverflowException();
                }
                bytes[at++] = (byte) (0xE0 | (c >>> 12));
                bytes[at++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
                bytes[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out.putInt(lengthAt, at - base - lengthAt - Integer.BYTES);
        out.position(at - base);
    }

    private static void putSlow(String s, ByteBuffer out) {
        int lengthAt = out.position();
        out.position(lengthAt + Integer.BYTES);
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | (c >>> 6))).put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                int codePoint = codePoint(s, i);
                i++;
                out.put((byte) (0xF0 | (codePoint >>> 18))).put((byte) (0x80 | ((codePoint >>> 12) & 0x3F)))
                        .put((byte) (0x80 | ((codePoint >>> 6) & 0x3F))).put((byte) (0x80 | (codePoint & 0x3F)));
            } else {
                out.put((byte) (0xE0 | (c >>> 12))).put((byte) (0x80 | ((c >>> 6) & 0x3F)))
                        .put((byte) (0x80 | (c & 0x3F)));
            }
        }
        out.putInt(lengthAt, out.position() - lengthAt - Integer.BYTES);
    }

    private static int codePoint(String s, int i) {
        char high = s.charAt(i);
        if (Character.isHighSurrogate(high) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            return Character.toCodePoint(high, s.charAt(i + 1));
        }
        throw new IllegalArgumentException(String.format("an unpaired surrogate \\u%04X at index %d cannot be"
                + " encoded (UTF-8 has no form for it)", (int) high, i));
    }

    /**
     * Reads a string written by {@link #put}.
     *
     * @throws IllegalArgumentException  if its length is negative or beyond the bytes left
     * @throws BufferUnderflowException if the bytes end inside the length
     */
    static String get(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("string length must be within [0, " + in.remaining()
                    + "] (the bytes left) but was " + length);
        }
        String s;
        if (in.hasArray()) {
            s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
            in.position(in.position() + length);
        } else {
            byte[] bytes = new byte[length];
            in.get(bytes);
            s = new String(bytes, StandardCharsets.UTF_8);
        }
        return s;
    }

    /** Skips a string written by {@link #put}. */
    static void skip(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("string length must be within [0, " + in.remaining()
                    + "] (the bytes left) but was " + length);
        }
        in.position(in.position() + length);
    }
}
