/**
 * {@code hftbus-journal}: answers questions about a journal file from the command line, like
 * Chronicle's {@code DumpMain} and Aeron's {@code AeronStat}. See
 * {@link io.hftbus.journal.tool.JournalTool}.
 */
// The requires-transitive-automatic lint is off for this module (see its pom): the recorder
// requires Dagger, an automatic module, transitively.
module io.hftbus.journal.tool {
    requires io.hftbus.recorder;
    requires com.fasterxml.jackson.core;

    exports io.hftbus.journal.tool;
}
