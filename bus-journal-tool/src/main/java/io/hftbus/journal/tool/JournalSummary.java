package io.hftbus.journal.tool;

import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import io.hftbus.api.event.EventType;
import io.hftbus.recorder.JournalFormatException;
import io.hftbus.recorder.JournalHeader;
import io.hftbus.recorder.JournalReader;
import io.hftbus.recorder.JournalRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One pass over a journal, for {@code verify} and {@code stats}: counts, times, where it ends, damage. */
final class JournalSummary {

    /** How many intervals {@code stats} divides the publish-time span into. */
    private static final int RATE_INTERVALS = 10;

    private final Path file;
    private final Map<EventType, Long> byType = new EnumMap<>(EventType.class);
    private final Map<Priority, Long> byLane = new EnumMap<>(Priority.class);
    /** Publish times of the stamped events, in file order. */
    private final List<Long> publishTimes = new ArrayList<>();
    private JournalHeader header;
    private long events;
    private long refusals;
    private long unstamped;
    private int schemas;
    private long firstTimestamp = Long.MAX_VALUE;
    private long lastTimestamp = Long.MIN_VALUE;
    private long endOffset;
    private long fileLength;
    private boolean tornTail;
    private JournalFormatException damage;

    private JournalSummary(Path file) {
        this.file = file;
    }

    /**
     * Reads the whole file. Damage in a record ends the reading and is kept for the summary; a
     * file that cannot be opened as a journal at all fails.
     */
    static JournalSummary of(Path file) throws IOException {
        JournalSummary summary = new JournalSummary(file);
        try (JournalReader reader = JournalReader.open(file)) {
            summary.header = reader.header();
            summary.fileLength = reader.fileLength();
            try {
                for (JournalRecord record; (record = reader.next()) != null; ) {
                    summary.add(record);
                }
            } catch (JournalFormatException e) {
                summary.damage = e;
            }
            summary.header = reader.header();
            summary.schemas = reader.schemas().size();
            summary.endOffset = reader.endOffset();
            summary.tornTail = reader.tornTail();
        }
        return summary;
    }

    private void add(JournalRecord record) {
        if (record instanceof JournalRecord.Refused) {
            refusals++;
            return;
        }
        Envelope<?> envelope = ((JournalRecord.Published) record).envelope();
        events++;
        byType.merge(envelope.type(), 1L, Long::sum);
        byLane.merge(envelope.priority(), 1L, Long::sum);
        firstTimestamp = Math.min(firstTimestamp, envelope.event().timestamp());
        lastTimestamp = Math.max(lastTimestamp, envelope.event().timestamp());
        if (envelope.isStamped()) {
            publishTimes.add(envelope.publishNanos());
        } else {
            unstamped++;
        }
    }

    JournalFormatException damage() {
        return damage;
    }

    boolean tornTail() {
        return tornTail;
    }

    void printVerification(PrintStream out) {
        printHeading(out);
        out.printf(Locale.ROOT, "records: %,d events, %,d refusals, %d schemas%n", events, refusals, schemas);
        out.printf(Locale.ROOT, "types: %d of %d%s%n", byType.size(), EventType.values().length,
                byType.isEmpty() ? "" : " (" + counts(byType) + ")");
        printTimes(out);
        if (damage != null) {
            out.println("damage: at offset " + damage.offset() + ": " + damage.problem() + ": " + damage.detail());
            out.printf(Locale.ROOT, "DAMAGED: %,d events before the damage are sound%n", events);
        } else if (tornTail) {
            out.printf(Locale.ROOT, "end: torn tail at offset %d (%,d bytes after the last complete record;"
                    + " truncating the file to %d recovers it)%n", endOffset, fileLength - endOffset, endOffset);
            out.println("TORN TAIL");
        } else {
            out.println("end: complete at offset " + endOffset);
            out.println("OK");
        }
    }

    void printStats(PrintStream out) {
        printHeading(out);
        out.printf(Locale.ROOT, "%,d events, %,d refusals%n", events, refusals);
        out.println("per type:");
        for (Map.Entry<EventType, Long> entry : byType.entrySet()) {
            out.printf(Locale.ROOT, "  %-16s %,12d  %5.1f%%%n", entry.getKey(), entry.getValue(),
                    100.0 * entry.getValue() / events);
        }
        out.println("per lane:");
        for (Map.Entry<Priority, Long> entry : byLane.entrySet()) {
            out.printf(Locale.ROOT, "  %-16s %,12d  %5.1f%%%n", entry.getKey(), entry.getValue(),
                    100.0 * entry.getValue() / events);
        }
        printRates(out);
        if (damage != null) {
            out.println("damaged at offset " + damage.offset() + " (" + damage.problem() + "): the figures above are"
                    + " of the records before it; run verify for more");
        } else if (tornTail) {
            out.println("torn tail at offset " + endOffset + ": the figures above are of the complete records");
        }
    }

    private void printHeading(PrintStream out) {
        String created = header != null && header.hasCreationTime()
                ? ", created " + Instant.ofEpochSecond(0, header.createdEpochNanos()) : "";
        out.println(file + ": format " + (header == null ? "?" : header.version()) + created + ", " + fileLength
                + " bytes");
    }

    private void printTimes(PrintStream out) {
        if (events == 0) {
            return;
        }
        out.println("event time: " + Instant.ofEpochSecond(0, firstTimestamp) + " .. "
                + Instant.ofEpochSecond(0, lastTimestamp));
        if (publishTimes.isEmpty()) {
            out.println("publish time: none (the recorded bus did not stamp publish times)");
            return;
        }
        long first = publishTimes.stream().mapToLong(Long::longValue).min().getAsLong();
        long last = publishTimes.stream().mapToLong(Long::longValue).max().getAsLong();
        out.println("publish time: " + wallClock(first) + " .. " + wallClock(last) + " (" + span(last - first) + ")"
                + (unstamped > 0 ? String.format(Locale.ROOT, "; %,d events unstamped", unstamped) : ""));
    }

    private void printRates(PrintStream out) {
        if (publishTimes.size() < 2) {
            out.println("rate: " + (unstamped > 0 ? "no publish times (the recorded bus did not stamp them)"
                    : "too few events to tell"));
            return;
        }
        long first = publishTimes.stream().mapToLong(Long::longValue).min().getAsLong();
        long last = publishTimes.stream().mapToLong(Long::longValue).max().getAsLong();
        long width = Math.max(1, (last - first + RATE_INTERVALS) / RATE_INTERVALS);
        long[] counts = new long[RATE_INTERVALS];
        for (long time : publishTimes) {
            counts[(int) Math.min(RATE_INTERVALS - 1, (time - first) / width)]++;
        }
        out.printf(Locale.ROOT, "rate over time (%d intervals of %s, by publish time):%n", RATE_INTERVALS,
                span(width));
        for (int i = 0; i < RATE_INTERVALS; i++) {
            out.printf(Locale.ROOT, "  +%-12s %,12d events  %,16.0f events/s%n", span(i * width), counts[i],
                    counts[i] * 1e9 / width);
        }
    }

    private String wallClock(long publishNanos) {
        return header != null && header.hasCreationTime()
                ? Instant.ofEpochSecond(0, header.epochNanosOf(publishNanos)).toString()
                : publishNanos + " ns (nanoTime)";
    }

    private static String span(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String counts(Map<EventType, Long> byType) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<EventType, Long> entry : byType.entrySet()) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(entry.getKey()).append(' ').append(entry.getValue());
        }
        return text.toString();
    }
}
