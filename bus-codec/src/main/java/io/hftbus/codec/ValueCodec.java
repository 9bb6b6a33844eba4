package io.hftbus.codec;

import io.hftbus.api.event.WireCoded;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of one value of one {@link FieldKind}, given and returned as an object: the elements of
 * lists, the keys and values of maps, nested records, and the non-primitive components of a record.
 * Primitive components are written by {@link ComponentCodec} without boxing.
 *
 * <p>Immutable and thread-safe, like every codec part.
 */
abstract class ValueCodec implements ValueReader {

    /** What the values are. */
    abstract FieldKind kind();

    /** The bytes every value takes, or {@code -1} if it varies. */
    int fixedSize() {
        return -1;
    }

    /** The bytes {@link #write} writes for {@code value}. */
    abstract int size(Object value);

    /** Writes {@code value}; throws {@link IllegalArgumentException} or {@link CodecException} if it cannot. */
    abstract void write(Object value, ByteBuffer out);

    @Override
    public abstract Object read(ByteBuffer in);

    @Override
    public int minSize() {
        int fixed = fixedSize();
        return fixed >= 0 ? fixed : Integer.BYTES;
    }

    // ------------------------------------------------------------------------------------------------

    /** {@code Long}. */
    static final class LongValue extends ValueCodec {
        @Override FieldKind kind() { return FieldKind.Scalar.LONG; }
        @Override int fixedSize() { return Long.BYTES; }
        @Override int size(Object value) { return Long.BYTES; }
        @Override void write(Object value, ByteBuffer out) { out.putLong((Long) value); }
        @Override public Object read(ByteBuffer in) { return in.getLong(); }
    }

    /** {@code Integer}. */
    static final class IntValue extends ValueCodec {
        @Override FieldKind kind() { return FieldKind.Scalar.INT; }
        @Override int fixedSize() { return Integer.BYTES; }
        @Override int size(Object value) { return Integer.BYTES; }
        @Override void write(Object value, ByteBuffer out) { out.putInt((Integer) value); }
        @Override public Object read(ByteBuffer in) { return in.getInt(); }
    }

    /** {@code Double}, by its raw bits. */
    static final class DoubleValue extends ValueCodec {
        @Override FieldKind kind() { return FieldKind.Scalar.DOUBLE; }
        @Override int fixedSize() { return Double.BYTES; }
        @Override int size(Object value) { return Double.BYTES; }
        @Override void write(Object value, ByteBuffer out) { out.putLong(Double.doubleToRawLongBits((Double) value)); }
        @Override public Object read(ByteBuffer in) { return Double.longBitsToDouble(in.getLong()); }
    }

    /** {@code Boolean}: one byte, 0 or 1. */
    static final class BooleanValue extends ValueCodec {
        @Override FieldKind kind() { return FieldKind.Scalar.BOOLEAN; }
        @Override int fixedSize() { return 1; }
        @Override int size(Object value) { return 1; }
        @Override void write(Object value, ByteBuffer out) { out.put((Boolean) value ? (byte) 1 : (byte) 0); }
        @Override public Object read(ByteBuffer in) { return readBoolean(in); }

        static boolean readBoolean(ByteBuffer in) {
            byte b = in.get();
            if (b != 0 && b != 1) {
                throw new IllegalArgumentException("a boolean is 0 or 1 but the byte was " + b);
            }
            return b == 1;
        }
    }

    /** {@code String}, as UTF-8. */
    static final class StringValue extends ValueCodec {
        @Override FieldKind kind() { return FieldKind.Scalar.STRING; }
        @Override int size(Object value) { return Utf8.size((String) value); }
        @Override void write(Object value, ByteBuffer out) { Utf8.put((String) value, out); }
        @Override public Object read(ByteBuffer in) { return Utf8.get(in); }
    }

    /** {@link Duration}: seconds and nanoseconds. */
    static final class DurationValue extends ValueCodec {
        @Override FieldKind kind() { return FieldKind.Scalar.DURATION; }
        @Override int fixedSize() { return Long.BYTES + Integer.BYTES; }
        @Override int size(Object value) { return Long.BYTES + Integer.BYTES; }

        @Override
        void write(Object value, ByteBuffer out) {
            Duration duration = (Duration) value;
            out.putLong(duration.getSeconds()).putInt(duration.getNano());
        }

        @Override
        public Object read(ByteBuffer in) {
            long seconds = in.getLong();
            int nanos = in.getInt();
            if (nanos < 0 || nanos > 999_999_999) {
                throw new IllegalArgumentException("duration nanoseconds must be within [0, 999999999] but were "
                        + nanos);
            }
            return Duration.ofSeconds(seconds, nanos);
        }
    }

    /** An enum of {@link WireCoded} constants: its code in one byte. */
    static final class EnumValue extends ValueCodec {

        private final FieldKind.EnumKind kind;
        private final Object[] byCode = new Object[256];

        EnumValue(Class<?> type, String field) {
            Object[] constants = type.getEnumConstants();
            if (!WireCoded.class.isAssignableFrom(type)) {
                throw new CodecException(field, "enum " + type.getName() + " has no wire codes: its constants must"
                        + " implement " + WireCoded.class.getName() + " so that reordering them never relabels a file");
            }
            List<FieldKind.EnumKind.Constant> described = new ArrayList<>(constants.length);
            for (Object constant : constants) {
                int code = ((WireCoded) constant).wireCode();
                String name = ((Enum<?>) constant).name();
                if (code < 0 || code > 255) {
                    throw new CodecException(field, "enum " + type.getName() + "." + name + " has wire code " + code
                            + ", outside [0, 255]");
                }
                if (byCode[code] != null) {
                    throw new CodecException(field, "enum " + type.getName() + " gives wire code " + code + " to both "
                            + ((Enum<?>) byCode[code]).name() + " and " + name);
                }
                byCode[code] = constant;
                described.add(new FieldKind.EnumKind.Constant(code, name));
            }
            this.kind = new FieldKind.EnumKind(type.getSimpleName(), described);
        }

        @Override FieldKind kind() { return kind; }
        @Override int fixedSize() { return 1; }
        @Override int size(Object value) { return 1; }
        @Override void write(Object value, ByteBuffer out) { out.put((byte) ((WireCoded) value).wireCode()); }

        @Override
        public Object read(ByteBuffer in) {
            int code = in.get() & 0xFF;
            Object constant = byCode[code];
            if (constant == null) {
                throw new IllegalArgumentException(kind.name() + " has no constant with wire code " + code);
            }
            return constant;
        }

        /** The constant of {@code code}, or {@code null}. */
        Object constant(int code) {
            return code >= 0 && code < 256 ? byCode[code] : null;
        }

        /** The constant called {@code name}, or {@code null}. */
        Object constant(String name) {
            for (Object constant : byCode) {
                if (constant != null && ((Enum<?>) constant).name().equals(name)) {
                    return constant;
                }
            }
            return null;
        }
    }

    /** A list: a count and the elements. */
    static final class ListValue extends ValueCodec {

        final ValueCodec element;
        private final FieldKind.ListKind kind;

        ListValue(ValueCodec element) {
            this.element = element;
            this.kind = new FieldKind.ListKind(element.kind());
        }

        @Override FieldKind kind() { return kind; }

        @Override
        int size(Object value) {
            List<?> list = (List<?>) value;
            int fixed = element.fixedSize();
            if (fixed >= 0) {
                return Integer.BYTES + list.size() * fixed;
            }
            int size = Integer.BYTES;
            for (int i = 0, n = list.size(); i < n; i++) {
                size += element.size(list.get(i));
            }
            return size;
        }

        @Override
        void write(Object value, ByteBuffer out) {
            List<?> list = (List<?>) value;
            int n = list.size();
            out.putInt(n);
            for (int i = 0; i < n; i++) {
                try {
                    element.write(list.get(i), out);
                } catch (CodecException e) {
                    throw e.within("[" + i + "]");
                } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
                    throw new CodecException(CodecException.NO_TYPE_CODE, "[" + i + "]", CodecException.NO_OFFSET,
                            Derivation.describe(e), e);
                }
            }
        }

        @Override
        public Object read(ByteBuffer in) {
            return readList(in, element);
        }

        /** Reads a count and that many values with {@code reader}; an unmodifiable list. */
        static List<Object> readList(ByteBuffer in, ValueReader reader) {
            int count = readCount(in, reader.minSize());
            Object[] values = new Object[count];
            for (int i = 0; i < count; i++) {
                int at = in.position();
                try {
                    values[i] = reader.read(in);
                } catch (CodecException e) {
                    throw e.within("[" + i + "]");
                } catch (RuntimeException e) {
                    throw Derivation.failure("[" + i + "]", at, e);
                }
            }
            return Collections.unmodifiableList(java.util.Arrays.asList(values));
        }
    }

    /** A map: a count and (key, value) pairs. */
    static final class MapValue extends ValueCodec {

        final ValueCodec key;
        final ValueCodec value;
        private final FieldKind.MapKind kind;

        MapValue(ValueCodec key, ValueCodec value) {
            this.key = key;
            this.value = value;
            this.kind = new FieldKind.MapKind(key.kind(), value.kind());
        }

        @Override FieldKind kind() { return kind; }

        @Override
        int size(Object map) {
            int size = Integer.BYTES;
            int keyFixed = key.fixedSize();
            int valueFixed = value.fixedSize();
            Map<?, ?> entries = (Map<?, ?>) map;
            if (keyFixed >= 0 && valueFixed >= 0) {
                return size + entries.size() * (keyFixed + valueFixed);
            }
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                size += (keyFixed >= 0 ? keyFixed : key.size(entry.getKey()))
                        + (valueFixed >= 0 ? valueFixed : value.size(entry.getValue()));
            }
            return size;
        }

        @Override
        void write(Object map, ByteBuffer out) {
            Map<?, ?> entries = (Map<?, ?>) map;
            out.putInt(entries.size());
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                try {
                    key.write(entry.getKey(), out);
                    value.write(entry.getValue(), out);
                } catch (CodecException e) {
                    throw e.within("[" + entry.getKey() + "]");
                } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
                    throw new CodecException(CodecException.NO_TYPE_CODE, "[" + entry.getKey() + "]",
                            CodecException.NO_OFFSET, Derivation.describe(e), e);
                }
            }
        }

        @Override
        public Object read(ByteBuffer in) {
            return readMap(in, key, value);
        }

        /** Reads a count and that many pairs; refuses a key that appears twice. */
        static Map<Object, Object> readMap(ByteBuffer in, ValueReader keys, ValueReader values) {
            int count = readCount(in, keys.minSize() + values.minSize());
            Map<Object, Object> map = new HashMap<>(count * 4 / 3 + 1);
            for (int i = 0; i < count; i++) {
                int at = in.position();
                Object k;
                try {
                    k = keys.read(in);
                    if (map.put(k, values.read(in)) != null) {
                        throw new IllegalArgumentException("key '" + k + "' appears twice");
                    }
                } catch (CodecException e) {
                    throw e.within("[" + i + "]");
                } catch (RuntimeException e) {
                    throw Derivation.failure("[" + i + "]", at, e);
                }
            }
            return map;
        }
    }

    /** A nested record, inline. */
    static final class RecordValue extends ValueCodec {

        private final RecordCodec<?> codec;
        private final FieldKind.RecordKind kind;

        RecordValue(RecordCodec<?> codec) {
            this.codec = codec;
            this.kind = new FieldKind.RecordKind(codec.schema());
        }

        RecordCodec<?> codec() {
            return codec;
        }

        @Override FieldKind kind() { return kind; }
        @Override int fixedSize() { return codec.fixedSize(); }
        @Override int size(Object value) { return codec.sizeOf((Record) value); }
        @Override void write(Object value, ByteBuffer out) { codec.writeFields((Record) value, out); }
        @Override public Object read(ByteBuffer in) { return codec.readFields(in); }

        @Override
        public int minSize() {
            return codec.minSize();
        }
    }

    /** Reads a count and refuses one the bytes left cannot hold at {@code minBytesEach}, before allocating. */
    static int readCount(ByteBuffer in, int minBytesEach) {
        int count = in.getInt();
        int most = minBytesEach == 0 ? Integer.MAX_VALUE : in.remaining() / minBytesEach;
        if (count < 0 || count > most) {
            throw new IllegalArgumentException("count must be within [0, " + most + "] (what the bytes left can hold)"
                    + " but was " + count);
        }
        return count;
    }
}
