package io.hftbus.codec;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Readers for bytes an older or newer version of a record wrote, built from the writer's schema and
 * the reader's codec once, before the first record is read.
 *
 * <p>What the format allows between versions of a record: adding a component (read as its
 * {@link io.hftbus.api.event.WireDefault} or its kind's zero), removing one (its bytes are skipped),
 * reordering components (they are matched by name), adding and removing enum constants (matched by
 * wire code; a code the reader does not know fails when it is read). Changing a component's kind is
 * not allowed: it fails here, naming the field and both kinds. Renaming is a removal and an addition.
 */
final class Resolution {

    private Resolution() {
    }

    /** A reader of records that {@code writer} describes, into records of {@code target}. */
    static ValueReader record(RecordSchema writer, RecordCodec<?> target, String path) {
        ComponentCodec[] components = target.components();
        List<RecordSchema.Field> fields = writer.fields();
        int[] into = new int[fields.size()];
        ValueReader[] readers = new ValueReader[fields.size()];
        FieldKind[] skipped = new FieldKind[fields.size()];
        boolean[] given = new boolean[components.length];
        for (int j = 0; j < fields.size(); j++) {
            RecordSchema.Field field = fields.get(j);
            int i = indexOf(components, field.name());
            into[j] = i;
            if (i < 0) {
                skipped[j] = field.kind();
            } else {
                readers[j] = value(field.kind(), components[i].value, join(path, field.name()));
                given[i] = true;
            }
        }
        Object[] defaults = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            if (!given[i]) {
                if (components[i].defaultValue == ComponentCodec.NO_DEFAULT) {
                    throw new CodecException(join(path, components[i].name), "the writer's " + writer.name()
                            + " has no such field, and this " + components[i].value.kind().describe()
                            + " field has no default; give it one with @WireDefault");
                }
                defaults[i] = components[i].defaultValue;
            }
        }
        return new ResolvedRecord(target, fields, into, readers, skipped, defaults);
    }

    private static ValueReader value(FieldKind written, ValueCodec target, String path) {
        FieldKind wanted = target.kind();
        if (written.equals(wanted)) {
            return target;
        }
        if (written instanceof FieldKind.EnumKind && target instanceof ValueCodec.EnumValue) {
            return new EnumReader((FieldKind.EnumKind) written, (ValueCodec.EnumValue) target);
        }
        if (written instanceof FieldKind.ListKind && target instanceof ValueCodec.ListValue) {
            ValueReader element = value(((FieldKind.ListKind) written).element(),
                    ((ValueCodec.ListValue) target).element, path + "[]");
            return new ValueReader() {
                @Override public Object read(ByteBuffer in) { return ValueCodec.ListValue.readList(in, element); }
                @Override public int minSize() { return Integer.BYTES; }
            };
        }
        if (written instanceof FieldKind.MapKind && target instanceof ValueCodec.MapValue) {
            FieldKind.MapKind map = (FieldKind.MapKind) written;
            ValueCodec.MapValue targetMap = (ValueCodec.MapValue) target;
            ValueReader key = value(map.key(), targetMap.key, path + "{key}");
            ValueReader value = value(map.value(), targetMap.value, path + "{value}");
            return new ValueReader() {
                @Override public Object read(ByteBuffer in) { return ValueCodec.MapValue.readMap(in, key, value); }
                @Override public int minSize() { return Integer.BYTES; }
            };
        }
        if (written instanceof FieldKind.RecordKind && target instanceof ValueCodec.RecordValue) {
            return record(((FieldKind.RecordKind) written).schema(), ((ValueCodec.RecordValue) target).codec(), path);
        }
        throw new CodecException(path, "the writer wrote it as " + written.describe() + " but the record has it as "
                + wanted.describe() + "; a field keeps its kind for good (give a new kind a new name)");
    }

    private static int indexOf(ComponentCodec[] components, String name) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].name.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Skips one value of {@code kind}. */
    static void skip(FieldKind kind, ByteBuffer in) {
        if (kind instanceof FieldKind.Scalar) {
            FieldKind.Scalar scalar = (FieldKind.Scalar) kind;
            if (scalar == FieldKind.Scalar.STRING) {
                Utf8.skip(in);
            } else {
                if (in.remaining() < scalar.fixedSize()) {
                    throw new BufferUnderflowException();
                }
                in.position(in.position() + scalar.fixedSize());
            }
        } else if (kind instanceof FieldKind.EnumKind) {
            in.get();
        } else if (kind instanceof FieldKind.ListKind) {
            int count = ValueCodec.readCount(in, 1);
            for (int i = 0; i < count; i++) {
                skip(((FieldKind.ListKind) kind).element(), in);
            }
        } else if (kind instanceof FieldKind.MapKind) {
            int count = ValueCodec.readCount(in, 1);
            for (int i = 0; i < count; i++) {
                skip(((FieldKind.MapKind) kind).key(), in);
                skip(((FieldKind.MapKind) kind).value(), in);
            }
        } else {
            for (RecordSchema.Field field : ((FieldKind.RecordKind) kind).schema().fields()) {
                skip(field.kind(), in);
            }
        }
    }

    /** Reads the writer's fields in its order into the reader's constructor arguments. */
    private static final class ResolvedRecord implements ValueReader {

        private final RecordCodec<?> target;
        private final String[] names;
        private final int[] into;
        private final ValueReader[] readers;
        private final FieldKind[] skipped;
        private final Object[] defaults;
        private final int minSize;

        ResolvedRecord(RecordCodec<?> target, List<RecordSchema.Field> fields, int[] into, ValueReader[] readers,
                       FieldKind[] skipped, Object[] defaults) {
            this.target = target;
            List<String> fieldNames = new ArrayList<>();
            for (RecordSchema.Field field : fields) {
                fieldNames.add(field.name());
            }
            this.names = fieldNames.toArray(new String[0]);
            this.into = into;
            this.readers = readers;
            this.skipped = skipped;
            this.defaults = defaults;
            this.minSize = 0;
        }

        @Override
        public Object read(ByteBuffer in) {
            int start = in.position();
            Object[] arguments = defaults.clone();
            for (int j = 0; j < into.length; j++) {
                int at = in.position();
                try {
                    if (into[j] < 0) {
                        skip(skipped[j], in);
                    } else {
                        arguments[into[j]] = readers[j].read(in);
                    }
                } catch (CodecException e) {
                    throw e.within(names[j]);
                } catch (RuntimeException e) {
                    throw Derivation.failure(names[j], at, e);
                }
            }
            return target.construct(arguments, start);
        }

        @Override
        public int minSize() {
            return minSize;
        }
    }

    /** Reads an enum by code, naming the writer's constant when the reader has none with that code. */
    private static final class EnumReader implements ValueReader {

        private final FieldKind.EnumKind written;
        private final ValueCodec.EnumValue target;

        EnumReader(FieldKind.EnumKind written, ValueCodec.EnumValue target) {
            this.written = written;
            this.target = target;
        }

        @Override
        public Object read(ByteBuffer in) {
            int code = in.get() & 0xFF;
            Object constant = target.constant(code);
            if (constant == null) {
                String name = written.nameOf(code);
                throw new IllegalArgumentException(target.kind().describe() + " has no constant with wire code " + code
                        + (name == null ? "" : " (the writer called it " + name + ")"));
            }
            return constant;
        }

        @Override
        public int minSize() {
            return 1;
        }
    }
}
