package io.hftbus.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
}
