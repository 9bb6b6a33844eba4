package io.hftbus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The guides' example mains run through and print what the guides say they do. */
class ExampleMainsTest {

    @FunctionalInterface
    private interface Main {
        void run() throws Exception;
    }

    private static String output(Main main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void statisticsExampleCountsTheTicksItPublished() throws Exception {
        assertThat(output(() -> StatisticsExample.main(new String[0])))
                .contains("MARKET_DATA: published=10000, received=10000, dropped=0")
                .contains("over 10000 envelopes")
                .contains("orders: published=1, received=1")
                .contains("report: bus 'hftbus'");
    }

    @Test
    void recordingExampleRecordsReadsBackAndReplays() throws Exception {
        assertThat(output(() -> RecordingExample.main(new String[0])))
                .contains("Envelope[sequence=0")
                .contains("recorded 1001 events, 1 fills, 100 in the window")
                .contains("journal: 1001 published and 0 refused records; 1001 events to replay")
                .contains("replayed: ReplayResult[published=1000, notAccepted=0, filteredOut=1, refusedAtRecording=0]");
    }
}
