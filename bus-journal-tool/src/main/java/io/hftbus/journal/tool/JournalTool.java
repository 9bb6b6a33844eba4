package io.hftbus.journal.tool;

import io.hftbus.recorder.JournalFormatException;
import io.hftbus.recorder.JournalReader;
import io.hftbus.recorder.JournalRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * {@code hftbus-journal}: the command line for a journal file and a question about it.
 *
 * <pre>
 * hftbus-journal verify FILE                  exit code and summary: records, types, time range,
 *                                             torn tail, first damage with its offset
 * hftbus-journal stats FILE                   counts per type and per lane, rate over time
 * hftbus-journal dump FILE [--type T] [--from SEQ] [--limit N] [--json]
 *                                             one record per line; --json for JSON Lines
 * hftbus-journal tail FILE [--type T] [--last N] [--json]
 *                                             the last N events (10), then follow the file
 * </pre>
 *
 * <p>Exit codes: {@value #OK} the journal is sound (and complete, for {@code verify});
 * {@value #TORN} it ends in a torn tail ({@code verify}); {@value #DAMAGED} it is damaged or names
 * what this version does not know; {@value #USAGE} bad arguments; {@value #NO_INPUT} the file
 * cannot be read. A bad argument or a bad file gets one line on standard error, never a stack
 * trace.
 */
public final class JournalTool {

    /** The journal is sound (and, for {@code verify}, complete). */
    public static final int OK = 0;
    /** {@code verify}: every complete record is sound, and the file ends in a torn tail. */
    public static final int TORN = 1;
    /** The journal is damaged, or names a version or code this version does not know. */
    public static final int DAMAGED = 2;
    /** Bad arguments. */
    public static final int USAGE = 64;
    /** The file cannot be read. */
    public static final int NO_INPUT = 66;

    static final String USAGE_TEXT = String.join(System.lineSeparator(),
            "usage: hftbus-journal verify FILE",
            "       hftbus-journal stats FILE",
            "       hftbus-journal dump FILE [--type TYPE] [--from SEQUENCE] [--limit N] [--json]",
            "       hftbus-journal tail FILE [--type TYPE] [--last N] [--json]");

    /** How often {@code tail} looks for more. */
    private static final long TAIL_POLL_MILLIS = 100;

    private JournalTool() {
    }

    /** Runs the tool and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the tool: writes its answer to {@code out}, a one-line error to {@code err}.
     * {@code tail} returns when its thread is interrupted.
     *
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("hftbus-journal: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (arguments == null) {
            out.println(USAGE_TEXT);
            return OK;
        }
        Path file = arguments.file();
        if (Files.isDirectory(file)) {
            err.println("hftbus-journal: " + file + " is a directory, not a journal file");
            return NO_INPUT;
        }
        try {
            switch (arguments.command()) {
                case "verify":
                    return verify(file, out);
                case "stats":
                    return stats(file, out);
                case "dump":
                    return dump(arguments, out, err);
                case "tail":
                    return tail(arguments, out, err);
                default:
                    throw new AssertionError(arguments.command());
            }
        } catch (JournalFormatException e) {
            err.println("hftbus-journal: " + e.getMessage());
            return DAMAGED;
        } catch (NoSuchFileException e) {
            err.println("hftbus-journal: " + file + ": no such file");
            return NO_INPUT;
        } catch (AccessDeniedException e) {
            err.println("hftbus-journal: " + file + ": permission denied");
            return NO_INPUT;
        } catch (IOException e) {
            err.println("hftbus-journal: " + file + ": cannot be read: " + e.getMessage());
            return NO_INPUT;
        }
    }

    private static int verify(Path file, PrintStream out) throws IOException {
        JournalSummary summary = JournalSummary.of(file);
        summary.printVerification(out);
        if (summary.damage() != null) {
            return DAMAGED;
        }
        return summary.tornTail() ? TORN : OK;
    }

    private static int stats(Path file, PrintStream out) throws IOException {
        JournalSummary summary = JournalSummary.of(file);
        summary.printStats(out);
        return summary.damage() == null ? OK : DAMAGED;
    }

    private static int dump(Arguments arguments, PrintStream out, PrintStream err) throws IOException {
        RecordLines lines = new RecordLines(out, arguments.json());
        long printed = 0;
        try (JournalReader reader = JournalReader.open(arguments.file())) {
            for (JournalRecord record; printed < arguments.limit() && (record = reader.next()) != null; ) {
                if (arguments.selects(record)) {
                    lines.print(record);
                    printed++;
                }
            }
            if (printed < arguments.limit() && reader.tornTail()) {
                err.println("hftbus-journal: " + arguments.file() + " ends in a torn tail at offset "
                        + reader.endOffset() + "; every complete record before it is shown");
            }
        }
        out.flush();
        return OK;
    }

    private static int tail(Arguments arguments, PrintStream out, PrintStream err) throws IOException {
        RecordLines lines = new RecordLines(out, arguments.json());
        try (JournalReader reader = JournalReader.open(arguments.file())) {
            Deque<JournalRecord> last = new ArrayDeque<>();
            for (JournalRecord record; (record = reader.next()) != null; ) {
                if (arguments.selects(record)) {
                    last.addLast(record);
                    if (last.size() > arguments.last()) {
                        last.removeFirst();
                    }
                }
            }
            for (JournalRecord record : last) {
                lines.print(record);
            }
            out.flush();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    TimeUnit.MILLISECONDS.sleep(TAIL_POLL_MILLIS);
                } catch (InterruptedException e) {
                    break;
                }
                if (reader.refresh()) {
                    for (JournalRecord record; (record = reader.next()) != null; ) {
                        if (arguments.selects(record)) {
                            lines.print(record);
                        }
                    }
                    out.flush();
                }
            }
        }
        return OK;
    }
}
