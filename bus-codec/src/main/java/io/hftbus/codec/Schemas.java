package io.hftbus.codec;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The bytes of {@link RecordSchema}s; see its Javadoc for the layout. */
final class Schemas {

    /** Deeper nesting than this is refused when reading, so that crafted bytes cannot exhaust the stack. */
    private static final int MAX_DEPTH = 32;

    private Schemas() {
    }

    static void requireName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be null or empty but was " + name);
        }
    }

    static int size(RecordSchema schema) {
        int size = Utf8.size(schema.name()) + Short.BYTES;
        for (RecordSchema.Field field : schema.fields()) {
            size += Utf8.size(field.name()) + size(field.kind());
        }
        return size;
    }

    private static int size(FieldKind kind) {
        if (kind instanceof FieldKind.EnumKind) {
            FieldKind.EnumKind e = (FieldKind.EnumKind) kind;
            int size = 1 + Utf8.size(e.name()) + Short.BYTES;
            for (FieldKind.EnumKind.Constant constant : e.constants()) {
                size += 1 + Utf8.size(constant.name());
            }
            return size;
        }
        if (kind instanceof FieldKind.ListKind) {
            return 1 + size(((FieldKind.ListKind) kind).element());
        }
        if (kind instanceof FieldKind.MapKind) {
            return 1 + size(((FieldKind.MapKind) kind).key()) + size(((FieldKind.MapKind) kind).value());
        }
        if (kind instanceof FieldKind.RecordKind) {
            return 1 + size(((FieldKind.RecordKind) kind).schema());
        }
        return 1;
    }

    static void write(RecordSchema schema, ByteBuffer out) {
        Utf8.put(schema.name(), out);
        out.putShort((short) schema.fields().size());
        for (RecordSchema.Field field : schema.fields()) {
            Utf8.put(field.name(), out);
            write(field.kind(), out);
        }
    }

    private static void write(FieldKind kind, ByteBuffer out) {
        out.put((byte) kind.tag());
        if (kind instanceof FieldKind.EnumKind) {
            FieldKind.EnumKind e = (FieldKind.EnumKind) kind;
            Utf8.put(e.name(), out);
            out.putShort((short) e.constants().size());
            for (FieldKind.EnumKind.Constant constant : e.constants()) {
                out.put((byte) constant.code());
                Utf8.put(constant.name(), out);
            }
        } else if (kind instanceof FieldKind.ListKind) {
            write(((FieldKind.ListKind) kind).element(), out);
        } else if (kind instanceof FieldKind.MapKind) {
            write(((FieldKind.MapKind) kind).key(), out);
            write(((FieldKind.MapKind) kind).value(), out);
        } else if (kind instanceof FieldKind.RecordKind) {
            write(((FieldKind.RecordKind) kind).schema(), out);
        }
    }

    static RecordSchema read(ByteBuffer in) {
        int start = in.position();
        try {
            return read(in, 0);
        } catch (BufferUnderflowException e) {
            throw new CodecException(CodecException.NO_TYPE_CODE, "", start, "the bytes end inside a schema", e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CodecException(CodecException.NO_TYPE_CODE, "", start, "not a valid schema: " + e.getMessage(),
                    e);
        }
    }

    private static RecordSchema read(ByteBuffer in, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("records nested deeper than " + MAX_DEPTH);
        }
        String name = Utf8.get(in);
        int count = Short.toUnsignedInt(in.getShort());
        List<RecordSchema.Field> fields = new ArrayList<>(Math.min(count, in.remaining()));
        for (int i = 0; i < count; i++) {
            String fieldName = Utf8.get(in);
            fields.add(new RecordSchema.Field(fieldName, readKind(in, depth)));
        }
        return new RecordSchema(name, fields);
    }

    private static FieldKind readKind(ByteBuffer in, int depth) {
        int at = in.position();
        int tag = in.get() & 0xFF;
        switch (tag) {
            case 1:
                return FieldKind.Scalar.LONG;
            case 2:
                return FieldKind.Scalar.INT;
            case 3:
                return FieldKind.Scalar.DOUBLE;
            case 4:
                return FieldKind.Scalar.BOOLEAN;
            case 5:
                return FieldKind.Scalar.STRING;
            case 6:
                return FieldKind.Scalar.DURATION;
            case FieldKind.EnumKind.TAG: {
                String name = Utf8.get(in);
                int count = Short.toUnsignedInt(in.getShort());
                List<FieldKind.EnumKind.Constant> constants = new ArrayList<>(Math.min(count, in.remaining()));
                for (int i = 0; i < count; i++) {
                    int code = in.get() & 0xFF;
                    constants.add(new FieldKind.EnumKind.Constant(code, Utf8.get(in)));
                }
                return new FieldKind.EnumKind(name, constants);
            }
            case FieldKind.ListKind.TAG:
                return new FieldKind.ListKind(readKind(in, depth + 1));
            case FieldKind.MapKind.TAG:
                return new FieldKind.MapKind(readKind(in, depth + 1), readKind(in, depth + 1));
            case FieldKind.RecordKind.TAG:
                return new FieldKind.RecordKind(read(in, depth + 1));
            default:
                throw new CodecException(CodecException.NO_TYPE_CODE, "", at, "unknown field kind tag " + tag, null);
        }
    }
}
