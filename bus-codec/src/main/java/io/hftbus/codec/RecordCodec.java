package io.hftbus.codec;

import java.lang.invoke.MethodHandle;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of one record type, derived from the record's definition once: its components,
 * in declaration order, each by its {@link FieldKind}. See {@link FieldKind} for the bytes of each
 * kind; a record's bytes are its components' bytes one after the other, with no header, no names
 * and no padding, so that a record's layout is fixed by its {@link #schema()}.
 *
 * <pre>{@code
 * RecordCodec<Quote> codec = RecordCodec.of(Quote.class);
 * codec.encode(quote, buffer);
 * Quote back = codec.decode(buffer.flip());
 * }</pre>
 *
 * <p><b>Derivation.</b> {@link #of} reads the record's components and unreflects their accessors
 * and its canonical constructor into method handles; it fails at once, with a
 * {@link CodecException} naming the field, on a component of a kind the codec does not know. The
 * record must be public, with a public canonical constructor, in a package its module exports. A
 * codec is built once per type and cached.
 *
 * <p><b>Cost.</b> Encoding allocates nothing (a map's entry iterator aside) and calls each
 * accessor through an exactly-typed method handle, so primitives are never boxed. Decoding
 * allocates the record, its strings, lists and maps, and boxes primitive arguments on their way to
 * the constructor; it builds the record through its constructor, so a decoded record is validated
 * like any other.
 *
 * <p>Buffers must be big-endian (the {@link ByteBuffer} default). Immutable and thread-safe.
 *
 * @param <R> the record type
 */
public final class RecordCodec<R extends Record> {

    private final Class<R> type;
    private final ComponentCodec[] components;
    private final ComponentCodec[] variable;
    private final int fixedPart;
    private final int minSize;
    private final MethodHandle constructor;
    private final RecordSchema schema;

    RecordCodec(Class<R> type, ComponentCodec[] components, MethodHandle constructor) {
        this.type = type;
        this.components = components;
        this.constructor = constructor;
        List<ComponentCodec> varying = new ArrayList<>();
        List<RecordSchema.Field> fields = new ArrayList<>(components.length);
        int fixed = 0;
        int least = 0;
        for (ComponentCodec component : components) {
            int size = component.value.fixedSize();
            if (size >= 0) {
                fixed += size;
            } else {
                varying.add(component);
            }
            least += component.value.minSize();
            fields.add(new RecordSchema.Field(component.name, component.value.kind()));
        }
        this.variable = varying.toArray(new ComponentCodec[0]);
        this.fixedPart = fixed;
        this.minSize = least;
        this.schema = new RecordSchema(type.getSimpleName(), fields);
    }

    /**
     * The codec of {@code type}, derived on first use.
     *
     * @throws CodecException if a component is of a kind the codec does not know, an enum has no
     *                        wire codes, a {@link io.hftbus.api.event.WireDefault} does not parse,
     *                        or the record cannot be accessed
     */
    public static <R extends Record> RecordCodec<R> of(Class<R> type) {
        return Derivation.codec(type);
    }

    /** The record type. */
    public Class<R> type() {
        return type;
    }

    /** The layout this codec writes. */
    public RecordSchema schema() {
        return schema;
    }

    /** The number of bytes {@link #encode} writes for {@code record}. */
    public int encodedSize(R record) {
        try {
            return sizeOf(record);
        } catch (CodecException e) {
            throw e.within(schema.name());
        } catch (NullPointerException e) {
            throw new CodecException(schema.name(), "a value is null, and the codec writes no nulls");
        }
    }

    /**
     * Writes {@code record} at {@code out}'s position, which advances by {@link #encodedSize}.
     *
     * @throws CodecException           if a value cannot be encoded (a null, an unpaired surrogate)
     * @throws BufferOverflowException  if {@code out} has too little room; its position is then
     *                                  undefined, and its contents past the old position too
     * @throws IllegalArgumentException if {@code out} is not big-endian
     */
    public void encode(R record, ByteBuffer out) {
        requireBigEndian(out);
        try {
            writeFields(record, out);
        } catch (CodecException e) {
            throw e.within(schema.name());
        }
    }

    /**
     * Reads a record written by this codec (or by one of the same {@link #schema()}) from
     * {@code in}'s position, which advances past it.
     *
     * @throws CodecException if the bytes are not such a record, naming the field and the position
     */
    public R decode(ByteBuffer in) {
        requireBigEndian(in);
        try {
            return type.cast(readFields(in));
        } catch (CodecException e) {
            throw e.within(schema.name());
        }
    }

    /**
     * A decoder of records that a writer of {@code writerSchema} wrote: fields matched by name,
     * those the record lacks skipped, those the writer lacked given their defaults.
     *
     * @throws CodecException if the schemas cannot be reconciled: a field of another kind, or one the
     *                        writer lacked that has no default
     */
    public RecordDecoder<R> decoder(RecordSchema writerSchema) {
        if (writerSchema.equals(schema)) {
            return this::decode;
        }
        ValueReader reader = Resolution.record(writerSchema, this, "");
        return in -> {
            requireBigEndian(in);
            try {
                return type.cast(reader.read(in));
            } catch (CodecException e) {
                throw e.within(schema.name());
            }
        };
    }

    @Override
    public String toString() {
        return "RecordCodec[" + type.getName() + "]";
    }

    // ------------------------------------------------------------------------------------------------

    ComponentCodec[] components() {
        return components;
    }

    /** The bytes every record takes, or {@code -1} if it varies. */
    int fixedSize() {
        return variable.length == 0 ? fixedPart : -1;
    }

    int minSize() {
        return minSize;
    }

    int sizeOf(Record record) {
        int size = fixedPart;
        for (ComponentCodec component : variable) {
            try {
                size += component.size(record);
            } catch (CodecException e) {
                throw e.within(component.name);
            }
        }
        return size;
    }

    void writeFields(Record record, ByteBuffer out) {
        for (ComponentCodec component : components) {
            try {
                component.write(record, out);
            } catch (CodecException e) {
                throw e.within(component.name);
            } catch (BufferOverflowException e) {
                throw e;
            } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
                throw new CodecException(CodecException.NO_TYPE_CODE, component.name, CodecException.NO_OFFSET,
                        Derivation.describe(e), e);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("the accessor of " + component.name + " threw", e);
            }
        }
    }

    Record readFields(ByteBuffer in) {
        int start = in.position();
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            int at = in.position();
            try {
                arguments[i] = components[i].read(in);
            } catch (CodecException e) {
                throw e.within(components[i].name);
            } catch (RuntimeException e) {
                throw Derivation.failure(components[i].name, at, e);
            }
        }
        return construct(arguments, start);
    }

    /** Builds the record from its constructor's arguments, read from bytes that started at {@code start}. */
    Record construct(Object[] arguments, int start) {
        try {
            return (Record) constructor.invokeExact(arguments);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CodecException(CodecException.NO_TYPE_CODE, "", start,
                    "the record refuses the values read: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("the constructor of " + type.getName() + " threw", e);
        }
    }

    static void requireBigEndian(ByteBuffer buffer) {
        if (buffer.order() != ByteOrder.BIG_ENDIAN) {
            throw new IllegalArgumentException("the codec reads and writes big-endian buffers but this one is "
                    + buffer.order());
        }
    }
}
