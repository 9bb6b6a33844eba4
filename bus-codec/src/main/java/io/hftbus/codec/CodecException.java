package io.hftbus.codec;

/**
 * Bytes that are not a valid event, an event that cannot be encoded, or a record the codec cannot
 * be derived for. The message names what was wrong: the type code (when known), the field, the
 * offset in the buffer (when bytes were read), and what was found.
 */
public final class CodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The {@link #typeCode()} of an exception that is about no event type. */
    public static final int NO_TYPE_CODE = -1;
    /** The {@link #offset()} of an exception that is about no bytes. */
    public static final int NO_OFFSET = -1;

    private final int typeCode;
    private final String field;
    private final int offset;
    private final String problem;

    /**
     * An exception about {@code field} (a path such as {@code OrderBookEvent.bids[3].price}, or
     * empty), at buffer position {@code offset} ({@link #NO_OFFSET} if none) of an event of
     * {@code typeCode} ({@link #NO_TYPE_CODE} if none).
     */
    public CodecException(int typeCode, String field, int offset, String problem, Throwable cause) {
        super(message(typeCode, field, offset, problem), cause);
        this.typeCode = typeCode;
        this.field = field == null ? "" : field;
        this.offset = offset;
        this.problem = problem;
    }

    /** An exception about {@code field} and no bytes. */
    public CodecException(String field, String problem) {
        this(NO_TYPE_CODE, field, NO_OFFSET, problem, null);
    }

    private static String message(int typeCode, String field, int offset, String problem) {
        StringBuilder message = new StringBuilder();
        if (typeCode != NO_TYPE_CODE) {
            message.append("type code ").append(typeCode).append(", ");
        }
        if (field != null && !field.isEmpty()) {
            message.append("field ").append(field).append(", ");
        }
        if (offset != NO_OFFSET) {
            message.append("offset ").append(offset).append(", ");
        }
        return message.append(problem).toString();
    }

    /** The event type code the bytes named, or {@link #NO_TYPE_CODE}. */
    public int typeCode() {
        return typeCode;
    }

    /** The path of the field at fault, such as {@code OrderBookEvent.bids[3].price}; empty if none. */
    public String field() {
        return field;
    }

    /** The buffer position where the field at fault starts, or {@link #NO_OFFSET}. */
    public int offset() {
        return offset;
    }

    /** What was wrong, without the type code, field and offset. */
    public String problem() {
        return problem;
    }

    /** This exception, about the event of {@code code}. */
    CodecException withTypeCode(int code) {
        return typeCode == code ? this : new CodecException(code, field, offset, problem, getCause());
    }

    /** This exception, with {@code outer} (a record and field name, or an index) in front of its field. */
    CodecException within(String outer) {
        String path = field.isEmpty() ? outer : field.startsWith("[") ? outer + field : outer + "." + field;
        return new CodecException(typeCode, path, offset, problem, getCause());
    }
}
