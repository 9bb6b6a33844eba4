package io.hftbus.codec;

import io.hftbus.api.event.Event;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Reads events as one writer wrote them: {@link EventCodec#decode} for this version's writer,
 * {@link EventCodec#decoder(Map)} for another's. Immutable and thread-safe.
 */
public final class EventDecoder {

    /** By type code: the {@link RecordDecoder} of the type, or the {@link CodecException} its schema gave. */
    private final Object[] byCode;

    EventDecoder(Map<Integer, Object> readers) {
        int highest = -1;
        for (int code : readers.keySet()) {
            highest = Math.max(highest, code);
        }
        byCode = new Object[highest + 1];
        for (Map.Entry<Integer, Object> entry : readers.entrySet()) {
            byCode[entry.getKey()] = entry.getValue();
        }
    }

    /**
     * Reads one event, its type code and body, from {@code in}'s position, which advances past it.
     *
     * @throws CodecException if the type code is unknown, or the bytes are no valid event of it
     */
    public Event decode(ByteBuffer in) {
        RecordCodec.requireBigEndian(in);
        int at = in.position();
        if (in.remaining() < EventCodec.TYPE_CODE_BYTES) {
            throw new CodecException(CodecException.NO_TYPE_CODE, "", at, "the bytes end inside the type code", null);
        }
        return decodeBody(Short.toUnsignedInt(in.getShort()), in);
    }

    /**
     * Reads the body of an event of {@code typeCode} from {@code in}'s position, which advances
     * past it.
     *
     * @throws CodecException if the type code is unknown, or the bytes are no valid event of it
     */
    public Event decodeBody(int typeCode, ByteBuffer in) {
        Object reader = typeCode >= 0 && typeCode < byCode.length ? byCode[typeCode] : null;
        if (reader == null) {
            throw new CodecException(typeCode, "", in.position(), "no event type has this code", null);
        }
        if (reader instanceof CodecException) {
            throw (CodecException) reader;
        }
        try {
            return (Event) ((RecordDecoder<?>) reader).decode(in);
        } catch (CodecException e) {
            throw e.withTypeCode(typeCode);
        }
    }

    /** Whether events of {@code typeCode} can be read (a known type whose schemas reconcile). */
    public boolean reads(int typeCode) {
        return typeCode >= 0 && typeCode < byCode.length && byCode[typeCode] instanceof RecordDecoder;
    }
}
