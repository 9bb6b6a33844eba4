package io.hftbus.bridge;

import io.hftbus.codec.CodecException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a transport carries as one message: a single {@link WireFrame}, or a batch of frames of one
 * event type that a bridge's sender packed together when several were waiting. The first byte
 * tells them apart: a frame starts with its version ({@value WireFrame#VERSION}), a batch with
 * {@value #BATCH_MARKER}. All numbers are big-endian.
 *
 * <pre>
 * a batch:
 * offset  bytes  field
 *      0      1  marker: 2
 *      1      2  frame count, unsigned, at least 1
 *      3      …  per frame: its length (4 bytes), then the frame's bytes (a version-1 WireFrame)
 * </pre>
 *
 * <p>A sender packs only frames that were queued one after the other, in that order, and only of
 * one type, so that a message goes to the subject of its type and a reader meets the frames in the
 * order the bus delivered them to the bridge. A lone frame is sent as it is, never as a batch of
 * one: batching costs no latency, it only forms when frames wait.
 *
 * <p>Stateless; safe from any thread.
 */
public final class WireMessage {

    /** The first byte of a batch. */
    public static final int BATCH_MARKER = 2;
    /** The bytes of a batch before its first frame's length. */
    public static final int BATCH_HEADER_BYTES = 3;
    /** The bytes of the length before each frame of a batch. */
    public static final int LENGTH_BYTES = 4;
    /** The most frames one batch holds: its count is two bytes. */
    public static final int MAX_BATCH_FRAMES = 0xFFFF;

    private WireMessage() {
    }

    /** Whether {@code message} is a batch rather than a single frame. */
    public static boolean isBatch(byte[] message) {
        return message != null && message.length > 0 && Byte.toUnsignedInt(message[0]) == BATCH_MARKER;
    }

    /** The size of a batch of {@code frames} frames whose bytes add up to {@code frameBytes}. */
    public static int batchSize(int frames, int frameBytes) {
        return BATCH_HEADER_BYTES + frames * LENGTH_BYTES + frameBytes;
    }

    /**
     * Packs {@code frames}, in order, into one batch.
     *
     * @param frames the frames' bytes, as {@link WireFrame#encode} wrote them; 1 to
     *               {@value #MAX_BATCH_FRAMES} of them
     * @throws IllegalArgumentException if there are no frames or too many
     */
    public static byte[] pack(List<byte[]> frames) {
        if (frames == null) {
            throw new NullPointerException("frames must not be null");
        }
        return pack(frames.toArray(new byte[0][]), frames.size());
    }

    /** Packs the first {@code count} of {@code frames}; the sender's form, with no list. */
    static byte[] pack(byte[][] frames, int count) {
        if (count < 1 || count > MAX_BATCH_FRAMES) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_BATCH_FRAMES + " frames but was given "
                    + count);
        }
        int frameBytes = 0;
        for (int i = 0; i < count; i++) {
            frameBytes += frames[i].length;
        }
        ByteBuffer out = ByteBuffer.allocate(batchSize(count, frameBytes));
        out.put((byte) BATCH_MARKER).putShort((short) count);
        for (int i = 0; i < count; i++) {
            out.putInt(frames[i].length).put(frames[i]);
        }
        return out.array();
    }

    /**
     * The frames of {@code message}, in order: one for a single frame, all of them for a batch.
     * All or nothing: a batch with any bad frame in it gives none.
     *
     * @throws CodecException if the message is neither a frame nor a batch of frames: the message
     *                        names the field and its offset in the message
     */
    public static List<WireFrame> frames(byte[] message) {
        if (!isBatch(message)) {
            return List.of(WireFrame.decode(message));
        }
        if (message.length < BATCH_HEADER_BYTES) {
            throw new CodecException(CodecException.NO_TYPE_CODE, "batch.count", 1,
                    "a batch has at least " + BATCH_HEADER_BYTES + " bytes, this one " + message.length, null);
        }
        ByteBuffer in = ByteBuffer.wrap(message);
        in.position(1);
        int count = Short.toUnsignedInt(in.getShort());
        if (count == 0) {
            throw new CodecException(CodecException.NO_TYPE_CODE, "batch.count", 1, "a batch of no frames", null);
        }
        List<WireFrame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = in.position();
            if (in.remaining() < LENGTH_BYTES) {
                throw new CodecException(CodecException.NO_TYPE_CODE, "batch.frame[" + i + "].length", at,
                        "the batch ends before frame " + i + " of " + count, null);
            }
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new CodecException(CodecException.NO_TYPE_CODE, "batch.frame[" + i + "].length", at,
                        "frame " + i + " of " + count + " claims " + Integer.toUnsignedString(length)
                                + " bytes, " + in.remaining() + " are left", null);
            }
            try {
                frames.add(WireFrame.decode(message, in.position(), length));
            } catch (CodecException e) {
                throw new CodecException(e.typeCode(), "batch.frame[" + i + "]." + e.field(), e.offset(),
                        e.problem(), e);
            }
            in.position(in.position() + length);
        }
        if (in.hasRemaining()) {
            throw new CodecException(CodecException.NO_TYPE_CODE, "batch", in.position(),
                    in.remaining() + " bytes left over after " + count + " frames", null);
        }
        return frames;
    }
}
