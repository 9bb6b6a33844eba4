package io.hftbus.journal.tool;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hftbus.api.Envelope;
import io.hftbus.recorder.JournalRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Prints journal records one per line: as text for people, or as JSON Lines for tools (one JSON
 * object per line, written by Jackson's streaming generator).
 *
 * <p>JSON: {@code {"offset":…,"sequence":…,"publishNanos":…,"priority":"HIGH","type":"MARKET_DATA",
 * "event":{…}}} with the event's components by name: numbers as numbers, enums by name, durations
 * as ISO-8601 text, lists as arrays, maps and nested records as objects; {@code publishNanos} is
 * {@code null} for an unstamped envelope. A refusal is {@code {"offset":…,"refused":SEQUENCE}}.
 */
final class RecordLines {

    private static final JsonFactory JSON = new JsonFactory();

    private final PrintStream out;
    private final boolean json;

    RecordLines(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    void print(JournalRecord record) {
        out.println(json ? json(record) : text(record));
    }

    static String text(JournalRecord record) {
        if (record instanceof JournalRecord.Refused) {
            return "@" + record.offset() + " refused seq=" + record.sequence();
        }
        Envelope<?> envelope = ((JournalRecord.Published) record).envelope();
        return "@" + record.offset() + " seq=" + envelope.sequence() + " publish="
                + (envelope.isStamped() ? Long.toString(envelope.publishNanos()) : "unstamped") + " "
                + envelope.priority() + " " + envelope.event();
    }

    static String json(JournalRecord record) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartObject();
            out.writeNumberField("offset", record.offset());
            if (record instanceof JournalRecord.Refused) {
                out.writeNumberField("refused", record.sequence());
            } else {
                Envelope<?> envelope = ((JournalRecord.Published) record).envelope();
                out.writeNumberField("sequence", envelope.sequence());
                if (envelope.isStamped()) {
                    out.writeNumberField("publishNanos", envelope.publishNanos());
                } else {
                    out.writeNullField("publishNanos");
                }
                out.writeStringField("priority", envelope.priority().name());
                out.writeStringField("type", envelope.type().name());
                out.writeFieldName("event");
                value(envelope.event(), out);
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private static void value(Object value, JsonGenerator out) throws IOException {
        if (value instanceof Record) {
            out.writeStartObject();
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                out.writeFieldName(component.getName());
                value(component(value, component), out);
            }
            out.writeEndObject();
        } else if (value instanceof Long || value instanceof Integer) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double) {
            out.writeNumber((Double) value);
        } else if (value instanceof Boolean) {
            out.writeBoolean((Boolean) value);
        } else if (value instanceof String) {
            out.writeString((String) value);
        } else if (value instanceof Enum) {
            out.writeString(((Enum<?>) value).name());
        } else if (value instanceof Duration) {
            out.writeString(value.toString());
        } else if (value instanceof List) {
            out.writeStartArray();
            for (Object element : (List<?>) value) {
                value(element, out);
            }
            out.writeEndArray();
        } else if (value instanceof Map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                out.writeFieldName(String.valueOf(entry.getKey()));
                value(entry.getValue(), out);
            }
            out.writeEndObject();
        } else {
            throw new IllegalStateException("no JSON form for " + value.getClass().getName());
        }
    }

    private static Object component(Object record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
