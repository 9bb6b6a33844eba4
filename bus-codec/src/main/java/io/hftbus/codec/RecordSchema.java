package io.hftbus.codec;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The layout of one record type as a writer laid it out: its name and its fields, in the order
 * their bytes follow each other. A reader that knows the writer's schema can read what an older or
 * newer version of the record wrote: fields are matched by name, a field the reader's record no
 * longer has is skipped, and a field the writer did not have takes its default (see
 * {@link io.hftbus.api.event.WireDefault}).
 *
 * <p>Its own bytes ({@link #write}, {@link #read}), big-endian:
 * <pre>
 * schema = name (string) | field count (2) | (field name (string) | kind)*
 * kind   = tag (1), then for ENUM (7): enum name (string) | constant count (2) | (code (1) | name (string))*
 *                             LIST (8): element kind
 *                             MAP (9): key kind | value kind
 *                             RECORD (10): schema
 *          and nothing more for LONG (1), INT (2), DOUBLE (3), BOOLEAN (4), STRING (5), DURATION (6)
 * string = UTF-8 length (4) | UTF-8 bytes
 * </pre>
 *
 * @param name   the record's simple name; informative (types are identified by their wire code)
 * @param fields the fields in encoding order, names unique; copied, immutable
 */
public record RecordSchema(String name, List<Field> fields) {

    /** Validates the schema; the list is copied. */
    public RecordSchema {
        Schemas.requireName(name, "RecordSchema.name");
        fields = List.copyOf(fields);
        Set<String> names = new HashSet<>();
        for (Field field : fields) {
            if (!names.add(field.name())) {
                throw new IllegalArgumentException("RecordSchema " + name + " names field '" + field.name()
                        + "' twice");
            }
        }
    }

    /** The field called {@code fieldName}, or {@code null} if there is none. */
    public Field field(String fieldName) {
        for (Field field : fields) {
            if (field.name().equals(fieldName)) {
                return field;
            }
        }
        return null;
    }

    /** The number of bytes {@link #write} writes. */
    public int encodedSize() {
        return Schemas.size(this);
    }

    /** Writes this schema at {@code out}'s position, which advances by {@link #encodedSize()}. */
    public void write(ByteBuffer out) {
        Schemas.write(this, out);
    }

    /**
     * Reads a schema written by {@link #write} from {@code in}'s position.
     *
     * @throws CodecException if the bytes are no schema (an unknown kind tag, a length beyond the
     *                        bytes, a repeated field name); its offset is the buffer position
     */
    public static RecordSchema read(ByteBuffer in) {
        return Schemas.read(in);
    }

    /**
     * One field of a record.
     *
     * @param name the component's name
     * @param kind what it is
     */
    public record Field(String name, FieldKind kind) {

        /** Validates the field. */
        public Field {
            Schemas.requireName(name, "Field.name");
            if (kind == null) {
                throw new NullPointerException("Field.kind must not be null");
            }
        }
    }
}
