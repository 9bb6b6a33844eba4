package io.hftbus.codec;

import java.util.List;

/**
 * What a field is, as a schema records it: how its bytes are laid out, and what a reader needs to
 * skip it or to resolve it against its own record. Every kind the codec knows is one of these.
 *
 * <p>Layouts (big-endian): {@link Scalar#LONG} 8 bytes; {@link Scalar#INT} 4; {@link Scalar#DOUBLE}
 * its 8 raw IEEE-754 bytes (so {@code -0.0}, subnormals and every NaN keep their bits);
 * {@link Scalar#BOOLEAN} one byte, 0 or 1; {@link Scalar#STRING} its UTF-8 length (4 bytes) and
 * bytes; {@link Scalar#DURATION} seconds (8) and nanoseconds (4); an {@link EnumKind} its constant's
 * wire code in one byte; a {@link ListKind} a count (4) and the elements; a {@link MapKind} a count
 * (4) and (key, value) pairs in the map's iteration order; a {@link RecordKind} its fields in order,
 * with no header of its own.
 */
public sealed interface FieldKind permits FieldKind.Scalar, FieldKind.EnumKind, FieldKind.ListKind,
        FieldKind.MapKind, FieldKind.RecordKind {

    /** The kinds of one value each, with their tags in a schema's bytes. */
    enum Scalar implements FieldKind {
        /** A {@code long}. */
        LONG(1, Long.BYTES),
        /** An {@code int}. */
        INT(2, Integer.BYTES),
        /** A {@code double}. */
        DOUBLE(3, Double.BYTES),
        /** A {@code boolean}. */
        BOOLEAN(4, 1),
        /** A {@link String}, well-formed UTF-16. */
        STRING(5, -1),
        /** A {@link java.time.Duration}. */
        DURATION(6, Long.BYTES + Integer.BYTES);

        private final int tag;
        private final int fixedSize;

        Scalar(int tag, int fixedSize) {
            this.tag = tag;
            this.fixedSize = fixedSize;
        }

        @Override
        public int tag() {
            return tag;
        }

        /** The bytes every value of this kind takes, or {@code -1} if it varies (strings). */
        public int fixedSize() {
            return fixedSize;
        }

        @Override
        public String describe() {
            return name();
        }
    }

    /** The tag of the kind in a schema's bytes. */
    int tag();

    /** The kind as text, for messages: {@code LIST<RECORD PriceLevel>}. */
    String describe();

    /**
     * An enum whose constants are {@link io.hftbus.api.event.WireCoded}.
     *
     * @param name      the enum's simple name
     * @param constants its constants, by code; informative for a reader (it decodes by code)
     */
    record EnumKind(String name, List<Constant> constants) implements FieldKind {

        /** The tag of an enum in a schema's bytes. */
        public static final int TAG = 7;

        /** Validates the kind; the list is copied. */
        public EnumKind {
            Schemas.requireName(name, "EnumKind.name");
            constants = List.copyOf(constants);
        }

        @Override
        public int tag() {
            return TAG;
        }

        @Override
        public String describe() {
            return "ENUM " + name;
        }

        /** The name of the constant with {@code code}, or {@code null} if none has it. */
        public String nameOf(int code) {
            for (Constant constant : constants) {
                if (constant.code() == code) {
                    return constant.name();
                }
            }
            return null;
        }

        /**
         * One constant of an enum.
         *
         * @param code its wire code, within {@code [0, 255]}
         * @param name its name
         */
        public record Constant(int code, String name) {

            /** Validates the constant. */
            public Constant {
                if (code < 0 || code > 255) {
                    throw new IllegalArgumentException("Constant.code must be within [0, 255] but was " + code);
                }
                Schemas.requireName(name, "Constant.name");
            }
        }
    }

    /**
     * A {@link java.util.List} of one kind of element.
     *
     * @param element the elements' kind
     */
    record ListKind(FieldKind element) implements FieldKind {

        /** The tag of a list in a schema's bytes. */
        public static final int TAG = 8;

        /** Validates the kind. */
        public ListKind {
            if (element == null) {
                throw new NullPointerException("ListKind.element must not be null");
            }
        }

        @Override
        public int tag() {
            return TAG;
        }

        @Override
        public String describe() {
            return "LIST<" + element.describe() + ">";
        }
    }

    /**
     * A {@link java.util.Map} of one kind of key to one kind of value.
     *
     * @param key   the keys' kind
     * @param value the values' kind
     */
    record MapKind(FieldKind key, FieldKind value) implements FieldKind {

        /** The tag of a map in a schema's bytes. */
        public static final int TAG = 9;

        /** Validates the kind. */
        public MapKind {
            if (key == null || value == null) {
                throw new NullPointerException("MapKind.key and MapKind.value must not be null");
            }
        }

        @Override
        public int tag() {
            return TAG;
        }

        @Override
        public String describe() {
            return "MAP<" + key.describe() + ", " + value.describe() + ">";
        }
    }

    /**
     * A record nested in another, written inline.
     *
     * @param schema the nested record's schema
     */
    record RecordKind(RecordSchema schema) implements FieldKind {

        /** The tag of a nested record in a schema's bytes. */
        public static final int TAG = 10;

        /** Validates the kind. */
        public RecordKind {
            if (schema == null) {
                throw new NullPointerException("RecordKind.schema must not be null");
            }
        }

        @Override
        public int tag() {
            return TAG;
        }

        @Override
        public String describe() {
            return "RECORD " + schema.name();
        }
    }
}
