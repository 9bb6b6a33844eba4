package io.hftbus.bridge;

import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import io.hftbus.api.event.Event;
import io.hftbus.codec.CodecException;
import io.hftbus.codec.EventCodec;
import io.hftbus.codec.WireCodes;
import java.nio.ByteBuffer;

/**
 * One event on the wire of the bridge: what a transport carries as one message, alone or packed
 * with others of its type in a {@linkplain WireMessage batch}. All numbers are big-endian.
 *
 * <pre>
 * offset  bytes  field
 *      0      1  frame version: 1
 *      1      1  priority code (io.hftbus.codec.WireCodes: CRITICAL 0, HIGH 1, NORMAL 2, LOW 3)
 *      2      8  origin: the sending bridge's instance id
 *     10      8  sequence: the envelope's sequence in the sending bus
 *     18      8  publish time: nanoseconds since the Unix epoch on the sender's wall clock,
 *                or Long.MIN_VALUE when the sending bus does not stamp
 *     26      2  event type code (io.hftbus.api.event.WireCoded)
 *     28      …  event body, as io.hftbus.codec.EventCodec writes it (the journal's format)
 * </pre>
 *
 * <p>The event, from its type code on, is exactly what {@link EventCodec#encode} writes: one format
 * for the journal and the wire. Both ends must run the same version of the event records; a frame
 * of another version fails to decode and is counted, never delivered wrong.
 *
 * @param priority          the lane the event travelled in at the sender
 * @param origin            the sending bridge's {@linkplain BridgeConfig#instanceId() instance id}
 * @param sequence          the envelope's sequence in the sending bus, {@code >= 0}
 * @param publishEpochNanos the publish time on the sender's wall clock, or {@link Envelope#NOT_STAMPED}
 * @param event             the event
 */
public record WireFrame(Priority priority, long origin, long sequence, long publishEpochNanos, Event event) {

    /** The version byte this release writes and reads. */
    public static final int VERSION = 1;
    /** The bytes before the event's type code. */
    public static final int HEADER_BYTES = 26;

    /** Validates the frame. */
    public WireFrame {
        if (priority == null) {
            throw new NullPointerException("WireFrame.priority must not be null");
        }
        if (event == null) {
            throw new NullPointerException("WireFrame.event must not be null");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("WireFrame.sequence must be >= 0 but was " + sequence);
        }
    }

    /**
     * The bytes of {@code envelope}'s frame.
     *
     * @param origin            the sending bridge's instance id
     * @param publishEpochNanos the envelope's publish time on the wall clock, or {@link Envelope#NOT_STAMPED}
     * @throws CodecException if the event cannot be encoded
     */
    public static byte[] encode(Envelope<?> envelope, long origin, long publishEpochNanos) {
        EventCodec codec = EventCodec.standard();
        Event event = envelope.event();
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + codec.encodedSize(event));
        out.put((byte) VERSION)
                .put((byte) WireCodes.priorityCode(envelope.priority()))
                .putLong(origin)
                .putLong(envelope.sequence())
                .putLong(publishEpochNanos);
        codec.encode(event, out);
        return out.array();
    }

    /** The bytes of this frame; what {@link #encode} writes for an envelope of the same values. */
    public byte[] toBytes() {
        return encode(new Envelope<>(sequence, 0L, priority, event), origin, publishEpochNanos);
    }

    /**
     * Reads a frame.
     *
     * @throws CodecException if the bytes are no frame of this version: the message names the
     *                        field and the offset
     */
    public static WireFrame decode(byte[] bytes) {
        if (bytes == null) {
            throw new CodecException(CodecException.NO_TYPE_CODE, "frame", 0, "a frame has at least "
                    + (HEADER_BYTES + EventCodec.TYPE_CODE_BYTES) + " bytes, this one none", null);
        }
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Reads the frame in {@code length} bytes of {@code bytes} from {@code offset}: one frame of a
     * {@linkplain WireMessage batch}. Offsets in errors count from the start of {@code bytes}.
     *
     * @throws CodecException if those bytes are no frame of this version
     */
    public static WireFrame decode(byte[] bytes, int offset, int length) {
        if (length < HEADER_BYTES + EventCodec.TYPE_CODE_BYTES) {
            throw new CodecException(CodecException.NO_TYPE_CODE, "frame", offset, "a frame has at least "
                    + (HEADER_BYTES + EventCodec.TYPE_CODE_BYTES) + " bytes, this one " + length, null);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        int version = Byte.toUnsignedInt(in.get());
        if (version != VERSION) {
            throw new CodecException(CodecException.NO_TYPE_CODE, "frame.version", offset,
                    "frame version " + version + " is not " + VERSION, null);
        }
        int priorityCode = Byte.toUnsignedInt(in.get());
        Priority priority;
        try {
            priority = WireCodes.priority(priorityCode);
        } catch (IllegalArgumentException e) {
            throw new CodecException(CodecException.NO_TYPE_CODE, "frame.priority", offset + 1, e.getMessage(), null);
        }
        long origin = in.getLong();
        long sequence = in.getLong();
        if (sequence < 0) {
            throw new CodecException(CodecException.NO_TYPE_CODE, "frame.sequence", offset + 10,
                    "sequence " + sequence + " is negative", null);
        }
        long publishEpochNanos = in.getLong();
        Event event = EventCodec.standard().decode(in);
        if (in.hasRemaining()) {
            throw new CodecException(event.type().wireCode(), "frame", in.position(),
                    in.remaining() + " bytes left over after the event", null);
        }
        return new WireFrame(priority, origin, sequence, publishEpochNanos, event);
    }

    /** Whether the frame carries a publish time rather than {@link Envelope#NOT_STAMPED}. */
    public boolean isStamped() {
        return publishEpochNanos != Envelope.NOT_STAMPED;
    }
}
