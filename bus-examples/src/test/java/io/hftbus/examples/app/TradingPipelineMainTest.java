package io.hftbus.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import io.hftbus.recorder.JournalReader;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trading pipeline's main, in-process: options, exit codes, and the record-then-replay workflow. */
class TradingPipelineMainTest {

    private static final Pattern TOTAL = Pattern.compile("^TOTAL .*$", Pattern.MULTILINE);

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TradingPipeline.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String totalLine(String output) {
        Matcher matcher = TOTAL.matcher(output);
        assertThat(matcher.find()).as("a TOTAL line in%n%s", output).isTrue();
        return matcher.group();
    }

    @Test
    void aBadOptionPrintsTheUsageAndExitsWithTwo() throws Exception {
        Run run = run("--rate", "fast");

        assertThat(run.code()).isEqualTo(TradingPipeline.USAGE);
        assertThat(run.err()).startsWith("error: --rate must be a whole number but was 'fast'").contains("usage:");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpPrintsTheUsageAndExitsWithZero() throws Exception {
        Run run = run("--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("--replay FILE");
    }

    @Test
    void aMissingJournalIsAUsageErrorNotAStackTrace(@TempDir Path dir) throws Exception {
        Run run = run("--replay", dir.resolve("absent.journal").toString());

        assertThat(run.code()).isEqualTo(TradingPipeline.USAGE);
        assertThat(run.err()).startsWith("error: --replay").doesNotContain("Exception");
    }

    @Test
    void aJournalInAMissingDirectoryNamesTheMissingDirectory(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("no-such-dir").resolve("run.journal");

        Run run = run("--record", journal.toString(), "--events", "10", "--warmup", "0");

        assertThat(run.code()).isEqualTo(TradingPipeline.USAGE);
        assertThat(run.err()).isEqualTo("error: --record " + journal + ": the directory " + journal.getParent()
                + " does not exist" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aDirectoryToReplayIsNamedAndCalledADirectory(@TempDir Path dir) throws Exception {
        Run run = run("--replay", dir.toString());

        assertThat(run.code()).isEqualTo(TradingPipeline.USAGE);
        assertThat(run.err()).isEqualTo("error: --replay " + dir + " is a directory, not a journal file"
                + System.lineSeparator());
    }

    @Test
    void aTornJournalIsReplayedUpToTheTearWithAWarningAndRefusedWithStrict(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("run.journal");
        Run live = run("--events", "3000", "--pace", "max", "--quiet", "--warmup", "0", "--record", journal.toString());
        assertThat(live.code()).as(live.err()).isZero();
        long length = Files.size(journal);
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            channel.truncate(length - 7);   // the last record loses its end, as when the writer was killed
        }
        long intact = 0;
        long end;
        try (JournalReader reader = JournalReader.open(journal)) {
            while (reader.next() != null) {
                intact++;
            }
            assertThat(reader.tornTail()).isTrue();
            end = reader.endOffset();
        }
        String torn = String.format(Locale.ROOT, "journal %s ends in a torn record: %,d records intact"
                + " (bytes 0 to %,d of %,d), the rest is cut off", journal, intact, end, length - 7);

        Run replay = run("--replay", journal.toString(), "--pace", "max", "--quiet", "--warmup", "0");
        Run strict = run("--replay", journal.toString(), "--pace", "max", "--quiet", "--warmup", "0", "--strict");

        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(replay.err()).isEqualTo("warning: " + torn
                + "; replaying the intact records (--strict makes this an error)" + System.lineSeparator());
        assertThat(replay.out()).contains("=== summary");
        assertThat(strict.code()).isEqualTo(TradingPipeline.FAILED);
        assertThat(strict.err()).isEqualTo("error: " + torn + "; --strict refuses to replay it" + System.lineSeparator());
        assertThat(strict.out()).doesNotContain("=== summary");
    }

    @Test
    void anIntactJournalReplaysWithoutAWarningEvenWithStrict(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("run.journal");
        assertThat(run("--events", "1000", "--pace", "max", "--quiet", "--warmup", "0", "--record", journal.toString())
                .code()).isZero();

        Run strict = run("--replay", journal.toString(), "--pace", "max", "--quiet", "--warmup", "0", "--strict");

        assertThat(strict.code()).as(strict.err()).isZero();
        assertThat(strict.err()).isEmpty();
    }

    @Test
    void aRecordedRunReplayedAsABacktestEndsWithTheSamePnl(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("run.journal");

        Run live = run("--events", "30000", "--pace", "max", "--quiet", "--seed", "3", "--warmup", "0",
                "--record", journal.toString());
        Run backtest = run("--replay", journal.toString(), "--pace", "max", "--quiet", "--warmup", "0");

        assertThat(live.code()).as(live.err()).isZero();
        assertThat(live.out()).contains("=== summary").contains("30,000 market-data events")
                .containsPattern("journal .*: [0-9,]+ events written, 0 lost");
        assertThat(backtest.code()).as(backtest.err()).isZero();
        assertThat(backtest.out()).contains("replaying " + journal + ": 30,000 market-data events of ES,NQ,CL,GC, seed 3");
        assertThat(totalLine(backtest.out())).isEqualTo(totalLine(live.out()));
    }

    @Test
    void aShardedRunTradesWithoutErrors() throws Exception {
        Run sharded = run("--events", "20000", "--pace", "max", "--quiet", "--warmup", "0", "--shards", "2");

        assertThat(sharded.code()).as(sharded.err()).isZero();
        assertThat(sharded.err()).isEmpty();
        assertThat(sharded.out()).contains("20,000 market-data events").contains("errors 0");
        totalLine(sharded.out());
    }
}
