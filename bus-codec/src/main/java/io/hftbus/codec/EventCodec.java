package io.hftbus.codec;

import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The binary form of hftbus events: an event's {@linkplain EventType#wireCode() type code} in two
 * bytes (big-endian, unsigned), then its record's body as its {@link RecordCodec} writes it.
 *
 * <pre>{@code
 * EventCodec codec = EventCodec.standard();
 * ByteBuffer buffer = ByteBuffer.allocate(codec.encodedSize(event));
 * codec.encode(event, buffer);
 * Event back = codec.decode(buffer.flip());
 * }</pre>
 *
 * <p><b>One source of truth.</b> The codec of each type is derived from its record, once, when
 * {@link #standard()} is first called; a type whose record cannot be encoded fails there, naming
 * the field. Adding a type is adding its record and its {@link EventType} constant, nothing more.
 *
 * <p><b>Versions.</b> {@link #decode} reads what this version of the records writes. Bytes written
 * by another version are read through {@link #decoder(Map)}, given the writer's
 * {@linkplain #schemas() schemas}: a journal stores them in its file, a bridge sends them first.
 *
 * <p><b>Errors.</b> Bytes that are no valid event fail with a {@link CodecException} naming the
 * type code, the field and the buffer position where its bytes start; so does an event that
 * cannot be encoded. Decoded events are built through their constructors, so they are valid.
 *
 * <p>Buffers must be big-endian. Immutable and thread-safe: share one.
 */
public final class EventCodec {

    /** The bytes of the type code before the body. */
    public static final int TYPE_CODE_BYTES = Short.BYTES;

    private final RecordCodec<?>[] byOrdinal;
    private final Map<EventType, RecordSchema> schemas;
    private final EventDecoder current;

    private EventCodec() {
        EventType[] types = EventType.values();
        byOrdinal = new RecordCodec<?>[types.length];
        Map<EventType, RecordSchema> described = new EnumMap<>(EventType.class);
        Map<Integer, Object> byCode = new HashMap<>();
        for (EventType type : types) {
            RecordCodec<?> codec = RecordCodec.of(type.eventClass().asSubclass(Record.class));
            byOrdinal[type.ordinal()] = codec;
            described.put(type, codec.schema());
            RecordDecoder<?> decoder = codec::decode;
            if (type.wireCode() < 0 || type.wireCode() > 0xFFFF || byCode.put(type.wireCode(), decoder) != null) {
                throw new CodecException(type.name(), "wire code " + type.wireCode()
                        + " is outside [0, 65535] or given to two types");
            }
        }
        schemas = Collections.unmodifiableMap(described);
        current = new EventDecoder(byCode);
    }

    /** The codec of the event records of this version; derived on first use, then shared. */
    public static EventCodec standard() {
        return Standard.CODEC;
    }

    /** The number of bytes {@link #encode} writes for {@code event}: the type code and the body. */
    public int encodedSize(Event event) {
        return TYPE_CODE_BYTES + bodySize(event);
    }

    /** The number of bytes {@link #encodeBody} writes for {@code event}. */
    public int bodySize(Event event) {
        RecordCodec<?> codec = codec(event);
        try {
            return codec.sizeOf((Record) event);
        } catch (CodecException e) {
            throw e.within(codec.schema().name()).withTypeCode(event.type().wireCode());
        } catch (NullPointerException e) {
            throw new CodecException(event.type().wireCode(), codec.schema().name(), CodecException.NO_OFFSET,
                    "a value is null, and the codec writes no nulls", e);
        }
    }

    /**
     * Writes {@code event}'s type code and body at {@code out}'s position, which advances by
     * {@link #encodedSize}.
     *
     * @throws CodecException          if the event cannot be encoded
     * @throws BufferOverflowException if {@code out} has too little room; its position and the
     *                                 bytes after the old position are then undefined
     */
    public void encode(Event event, ByteBuffer out) {
        RecordCodec.requireBigEndian(out);
        out.putShort((short) event.type().wireCode());
        encodeBody(event, out);
    }

    /** Writes {@code event}'s body alone (no type code); as {@link #encode} otherwise. */
    public void encodeBody(Event event, ByteBuffer out) {
        RecordCodec.requireBigEndian(out);
        RecordCodec<?> codec = codec(event);
        try {
            codec.writeFields((Record) event, out);
        } catch (CodecException e) {
            throw e.within(codec.schema().name()).withTypeCode(event.type().wireCode());
        }
    }

    /** {@code event}'s type code and body as a new array. */
    public byte[] toBytes(Event event) {
        ByteBuffer buffer = ByteBuffer.allocate(encodedSize(event));
        encode(event, buffer);
        return buffer.array();
    }

    /**
     * Reads one event (type code and body) written by this version from {@code in}'s position,
     * which advances past it.
     *
     * @throws CodecException if the type code is unknown or the bytes are no valid event of it
     */
    public Event decode(ByteBuffer in) {
        return current.decode(in);
    }

    /**
     * Reads the event {@link #toBytes} made.
     *
     * @throws CodecException if the bytes are no valid event, or hold bytes after it
     */
    public Event fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Event event = decode(in);
        if (in.hasRemaining()) {
            throw new CodecException(event.type().wireCode(), "", in.position(),
                    in.remaining() + " bytes left over after the event", null);
        }
        return event;
    }

    /** The decoder of what this version writes. */
    public EventDecoder decoder() {
        return current;
    }

    /**
     * A decoder of events written by a writer whose records had {@code writerSchemas}, by type
     * code. A type whose schemas cannot be reconciled (a field changed its kind, or a field the
     * writer lacked has no default) fails when an event of it is read; an event of a code missing
     * from {@code writerSchemas} fails as unknown.
     */
    public EventDecoder decoder(Map<Integer, RecordSchema> writerSchemas) {
        Map<Integer, Object> readers = new HashMap<>();
        for (Map.Entry<Integer, RecordSchema> entry : writerSchemas.entrySet()) {
            int code = entry.getKey();
            EventType type;
            try {
                type = EventType.ofWireCode(code);
            } catch (IllegalArgumentException e) {
                continue; // a type this version does not have: its events fail as unknown if read
            }
            RecordCodec<?> codec = byOrdinal[type.ordinal()];
            try {
                readers.put(code, codec.decoder(entry.getValue()));
            } catch (CodecException e) {
                readers.put(code, e.within(codec.schema().name()).withTypeCode(code));
            }
        }
        return new EventDecoder(readers);
    }

    /** The layout of every type's record in this version, by type. */
    public Map<EventType, RecordSchema> schemas() {
        return schemas;
    }

    /** The layout of {@code type}'s record in this version. */
    public RecordSchema schema(EventType type) {
        return schemas.get(type);
    }

    /** The codec of {@code type}'s record. */
    public RecordCodec<? extends Event> codec(EventType type) {
        @SuppressWarnings("unchecked")
        RecordCodec<? extends Event> codec = (RecordCodec<? extends Event>) byOrdinal[type.ordinal()];
        return codec;
    }

    private RecordCodec<?> codec(Event event) {
        return byOrdinal[event.type().ordinal()];
    }

    /** Derived when first asked for, once. */
    private static final class Standard {
        static final EventCodec CODEC = new EventCodec();
    }
}
