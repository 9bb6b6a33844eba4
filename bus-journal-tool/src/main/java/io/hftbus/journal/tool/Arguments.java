package io.hftbus.journal.tool;

import io.hftbus.api.event.EventType;
import io.hftbus.recorder.JournalRecord;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The parsed command line.
 *
 * @param command {@code verify}, {@code stats}, {@code dump} or {@code tail}
 * @param file    the journal
 * @param type    only events of this type, or {@code null} for all (and refusals)
 * @param from    only events whose sequence is this or more; 0 for all
 * @param limit   at most this many records ({@code dump})
 * @param last    how many of the last events {@code tail} shows before it follows
 * @param json    JSON Lines instead of text
 */
record Arguments(String command, Path file, EventType type, long from, long limit, int last, boolean json) {

    private static final Set<String> COMMANDS = Set.of("verify", "stats", "dump", "tail");

    /** Parses {@code args}; {@code null} for a request for help. */
    static Arguments parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no command given");
        }
        if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            return null;
        }
        String command = args[0];
        if (!COMMANDS.contains(command)) {
            throw new IllegalArgumentException("unknown command '" + command + "'");
        }
        if (args.length < 2 || args[1].startsWith("--")) {
            throw new IllegalArgumentException(command + " needs a FILE");
        }
        Path file;
        try {
            file = Path.of(args[1]);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + args[1] + "' is not a file name: " + e.getReason());
        }
        boolean filters = command.equals("dump") || command.equals("tail");
        EventType type = null;
        long from = 0;
        long limit = Long.MAX_VALUE;
        int last = 10;
        boolean json = false;
        for (int i = 2; i < args.length; i++) {
            String option = args[i];
            if (!filters) {
                throw new IllegalArgumentException(command + " takes no option but was given '" + option + "'");
            }
            switch (option) {
                case "--json":
                    json = true;
                    break;
                case "--type":
                    type = type(value(args, ++i, option));
                    break;
                case "--from":
                    from = number(value(args, ++i, option), option, 0);
                    break;
                case "--limit":
                    requireCommand(command, "dump", option);
                    limit = number(value(args, ++i, option), option, 1);
                    break;
                case "--last":
                    requireCommand(command, "tail", option);
                    last = (int) Math.min(Integer.MAX_VALUE, number(value(args, ++i, option), option, 0));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        return new Arguments(command, file, type, from, limit, last, json);
    }

    /** Whether the record passes the filters. */
    boolean selects(JournalRecord record) {
        if (record instanceof JournalRecord.Refused) {
            return type == null && record.sequence() >= from;
        }
        JournalRecord.Published published = (JournalRecord.Published) record;
        return (type == null || published.envelope().type() == type) && published.sequence() >= from;
    }

    private static void requireCommand(String command, String expected, String option) {
        if (!command.equals(expected)) {
            throw new IllegalArgumentException(option + " is an option of " + expected + ", not of " + command);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static EventType type(String name) {
        try {
            return EventType.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--type '" + name + "' is no event type; the types are "
                    + java.util.Arrays.toString(EventType.values()));
        }
    }

    private static long number(String text, String option, long least) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number but was '" + text + "'");
        }
        if (value < least) {
            throw new IllegalArgumentException(option + " must be at least " + least + " but was " + value);
        }
        return value;
    }
}
