package io.hftbus.journal.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.Priority;
import io.hftbus.api.event.Event;
import io.hftbus.recorder.BusRecorder;
import io.hftbus.recorder.RecorderConfig;
import io.hftbus.testing.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class JournalToolTest {

    @TempDir
    Path dir;

    private Path journal;
    private List<Envelope<?>> envelopes;

    @BeforeEach
    void writeJournal() {
        envelopes = new ArrayList<>();
        List<Event> kinds = SampleEvents.oneOfEach();
        for (int i = 0; i < 48; i++) {
            Event event = kinds.get(i % kinds.size());
            long publishNanos = i == 5 ? Envelope.NOT_STAMPED : 1_000_000L * i;
            envelopes.add(new Envelope<>(i * 3L, publishNanos, i % 4 == 0 ? Priority.LOW : event.type()
                    .defaultPriority(), event));
        }
        journal = dir.resolve("session.journal");
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(0).withJournal(journal));
        envelopes.forEach(recorder::onPublished);
        recorder.onDropped(envelopes.get(2), null, io.hftbus.api.DropReason.LANE_FULL);
        recorder.close();
    }

    @Test
    void verifySaysASoundJournalIsCompleteWithItsRecordsTypesAndTimes() {
        Run run = run("verify", journal.toString());
        assertThat(run.code).isEqualTo(JournalTool.OK);
        assertThat(run.out).contains("format 2, created").contains("records: 48 events, 1 refusals, 16 schemas")
                .contains("types: 16 of 16 (MARKET_DATA 3,").contains("event time: ").contains("publish time: ")
                .contains("(47.0 ms)").contains("1 events unstamped").contains("end: complete at offset")
                .endsWith("OK" + System.lineSeparator());
        assertThat(run.err).isEmpty();
    }

    @Test
    void verifyReportsATornTailWithWhereToTruncate() throws IOException {
        byte[] bytes = Files.readAllBytes(journal);
        Path torn = Files.write(dir.resolve("torn.journal"), Arrays.copyOf(bytes, bytes.length - 5));
        Run run = run("verify", torn.toString());
        assertThat(run.code).isEqualTo(JournalTool.TORN);
        assertThat(run.out).contains("records: 48 events, 0 refusals").contains("end: torn tail at offset")
                .contains("TORN TAIL");
    }

    @Test
    void verifyReportsTheFirstDamageWithItsOffsetAndWhatCameBefore() throws IOException {
        byte[] bytes = Files.readAllBytes(journal);
        bytes[bytes.length / 2] ^= 0x5A;
        Path damaged = Files.write(dir.resolve("damaged.journal"), bytes);
        Run run = run("verify", damaged.toString());
        assertThat(run.code).isEqualTo(JournalTool.DAMAGED);
        assertThat(run.out).containsPattern("damage: at offset \\d+: (BAD_CHECKSUM|CORRUPTED_RECORD_HEADER): ")
                .containsPattern("DAMAGED: \\d+ events before the damage are sound");
        assertThat(run("stats", damaged.toString()).code).isEqualTo(JournalTool.DAMAGED);
        Run dump = run("dump", damaged.toString());
        assertThat(dump.code).isEqualTo(JournalTool.DAMAGED);
        assertThat(dump.errLines()).hasSize(1).allSatisfy(line -> assertThat(line).contains(damaged.toString())
                .containsPattern("at offset \\d+"));
    }

    @Test
    void statsCountsPerTypeAndPerLaneAndTheRateOverTime() {
        Run run = run("stats", journal.toString());
        assertThat(run.code).isEqualTo(JournalTool.OK);
        assertThat(run.out).contains("48 events, 1 refusals").contains("per type:").containsPattern("ORDER +3 ")
                .contains("per lane:").containsPattern("LOW +\\d+ ")
                .contains("rate over time (10 intervals of 4.7 ms, by publish time):").contains("events/s");
    }

    @Test
    void dumpPrintsOneRecordPerLineAndFilters() {
        Run all = run("dump", journal.toString());
        assertThat(all.code).isEqualTo(JournalTool.OK);
        assertThat(all.outLines()).hasSize(49);
        assertThat(all.outLines().get(0)).startsWith("@").contains("seq=0 publish=0 LOW MarketDataEvent[");
        assertThat(all.outLines().get(5)).contains("publish=unstamped");
        assertThat(all.outLines().get(48)).contains("refused seq=6");
        Run orders = run("dump", journal.toString(), "--type", "order", "--from", "30", "--limit", "2");
        assertThat(orders.outLines()).hasSize(2).allSatisfy(line -> assertThat(line).contains("OrderEvent["));
        assertThat(orders.outLines().get(0)).contains("seq=72");
    }

    @Test
    void dumpJsonIsOneJsonObjectPerLineWithEveryField() throws IOException {
        Run run = run("dump", journal.toString(), "--json");
        assertThat(run.code).isEqualTo(JournalTool.OK);
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.outLines()) {
            lines.add(mapper.readTree(line));
        }
        assertThat(lines).hasSize(49);
        JsonNode book = lines.get(2);
        assertThat(book.get("type").asText()).isEqualTo("ORDER_BOOK");
        assertThat(book.get("sequence").asLong()).isEqualTo(6);
        assertThat(book.get("event").get("bids").get(0).get("price").asDouble()).isEqualTo(5999.75);
        JsonNode aggregate = lines.get(1).get("event");
        assertThat(aggregate.get("interval").asText()).isEqualTo("PT1M");
        JsonNode approved = lines.get(6).get("event");
        assertThat(approved.get("signal").get("side").asText()).isEqualTo("BUY");
        assertThat(lines.get(5).get("publishNanos").isNull()).isTrue();
        assertThat(lines.get(3).get("event").get("features").get("spread").asDouble()).isEqualTo(0.5);
        assertThat(lines.get(48).get("refused").asLong()).isEqualTo(6);
    }

    @Test
    void dumpOfATornJournalShowsTheCompleteRecordsAndSaysSoInOneLine() throws IOException {
        byte[] bytes = Files.readAllBytes(journal);
        Path torn = Files.write(dir.resolve("torn.journal"), Arrays.copyOf(bytes, bytes.length - 30));
        Run run = run("dump", torn.toString());
        assertThat(run.code).isEqualTo(JournalTool.OK);
        assertThat(run.outLines()).hasSize(47);
        assertThat(run.errLines()).hasSize(1).first().asString().contains("torn tail at offset");
    }

    @Test
    void tailShowsTheLastEventsThenFollowsAJournalBeingWritten() throws Exception {
        Path live = dir.resolve("live.journal");
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(0).withJournal(live));
        try (EventBus bus = EventBus.builder().name("tailed").observer(recorder).build()) {
            for (int i = 0; i < 20; i++) {
                bus.publish(SampleEvents.esTick(i));
            }
            awaitSize(live, 20);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread tail = new Thread(() -> JournalTool.run(new String[] {"tail", live.toString(), "--last", "3"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                            StandardCharsets.UTF_8)));
            tail.start();
            awaitLines(out, 3);
            for (int i = 20; i < 25; i++) {
                bus.publish(SampleEvents.esTick(i));
            }
            awaitLines(out, 8);
            tail.interrupt();
            tail.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(tail.isAlive()).isFalse();
            List<String> lines = lines(out);
            assertThat(lines).hasSize(8);
            assertThat(lines.get(0)).contains("timestamp=1700000000000000017");
            assertThat(lines.get(7)).contains("timestamp=1700000000000000024");
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }

    @Test
    void badArgumentsAndBadFilesGetOneClearLineAndANonZeroExitNeverAStackTrace() throws IOException {
        assertThat(run().code).isEqualTo(JournalTool.USAGE);
        Run unknown = run("frobnicate", "x");
        assertThat(unknown.code).isEqualTo(JournalTool.USAGE);
        assertThat(unknown.errLines().get(0)).isEqualTo("hftbus-journal: unknown command 'frobnicate'");
        assertThat(run("dump").errLines().get(0)).isEqualTo("hftbus-journal: dump needs a FILE");
        assertThat(run("dump", journal.toString(), "--type", "QUOTE").errLines().get(0))
                .startsWith("hftbus-journal: --type 'QUOTE' is no event type");
        assertThat(run("dump", journal.toString(), "--limit", "ten").errLines().get(0))
                .isEqualTo("hftbus-journal: --limit needs a whole number but was 'ten'");
        assertThat(run("verify", journal.toString(), "--json").errLines().get(0))
                .isEqualTo("hftbus-journal: verify takes no option but was given '--json'");
        assertThat(run("tail", journal.toString(), "--limit", "3").errLines().get(0))
                .isEqualTo("hftbus-journal: --limit is an option of dump, not of tail");

        Run missing = run("verify", dir.resolve("nope.journal").toString());
        assertThat(missing.code).isEqualTo(JournalTool.NO_INPUT);
        assertThat(missing.errLines()).containsExactly("hftbus-journal: " + dir.resolve("nope.journal")
                + ": no such file");
        Run directory = run("stats", dir.toString());
        assertThat(directory.code).isEqualTo(JournalTool.NO_INPUT);
        assertThat(directory.errLines()).containsExactly("hftbus-journal: " + dir + " is a directory, not a journal"
                + " file");
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a journal at all");
        Run notJournal = run("verify", text.toString());
        assertThat(notJournal.code).isEqualTo(JournalTool.DAMAGED);
        assertThat(notJournal.errLines()).hasSize(1).first().asString().contains("NOT_A_JOURNAL")
                .contains(text.toString()).contains("at offset 0");
        for (Run run : List.of(unknown, missing, directory, notJournal)) {
            assertThat(run.err).doesNotContain("\tat ").doesNotContain("Exception");
        }
        assertThat(run("--help").out).contains("usage: hftbus-journal verify FILE");
    }

    private static void awaitSize(Path file, int events) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Run run = run("verify", file.toString());
            if (run.out.contains("records: " + events + " events")) {
                return;
            }
            assertThat(System.nanoTime() - deadline).as("the journal holds %d events within 30 s", events).isNegative();
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    private static void awaitLines(ByteArrayOutputStream out, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lines(out).size() < count) {
            assertThat(System.nanoTime() - deadline).as("%d lines within 30 s: %s", count, lines(out)).isNegative();
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    private static List<String> lines(ByteArrayOutputStream out) {
        String text = out.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(System.lineSeparator()));
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = JournalTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static final class Run {
        final int code;
        final String out;
        final String err;

        Run(int code, String out, String err) {
            this.code = code;
            this.out = out;
            this.err = err;
        }

        List<String> outLines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split(System.lineSeparator()));
        }

        List<String> errLines() {
            return err.isEmpty() ? List.of() : Arrays.asList(err.split(System.lineSeparator()));
        }
    }
}
