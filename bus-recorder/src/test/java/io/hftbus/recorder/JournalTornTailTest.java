package io.hftbus.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.Envelope;
import io.hftbus.api.event.HealthEvent;
import io.hftbus.api.event.HealthStatus;
import io.hftbus.api.event.OrderStatus;
import io.hftbus.api.event.OrderUpdateEvent;
import io.hftbus.recorder.golden.Format1GoldenTest;
import io.hftbus.testing.SampleEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power loss leaves a journal whose end is zeros, from a point that almost always falls inside a
 * record. Whatever that point, the reader returns every complete record before it and reports a
 * torn tail: never damage.
 */
class JournalTornTailTest {

    @TempDir
    Path dir;

    @Test
    void zerosFromEveryOffsetOfTheLastTwoRecordsAreATornTailInFormat2() throws IOException {
        Path file = dir.resolve("zeroed.journal");
        Journals.write(file, Journals.envelopes(SampleEvents.oneOfEach()));
        assertZeroTailsAreTorn(Files.readAllBytes(file));
    }

    @Test
    void zerosFromEveryOffsetOfTheLastTwoRecordsAreATornTailInFormat1() throws IOException {
        assertZeroTailsAreTorn(Files.readAllBytes(Format1GoldenTest.golden("all-types.journal")));
    }

    @Test
    void recordsThatEndInZeroBytesOfTheirOwnStayWholeWhenTheZerosBeginInsideThem() throws IOException {
        // Both last records end in an empty string, whose length is four zero bytes.
        List<Envelope<?>> envelopes = Journals.envelopes(List.of(SampleEvents.esTick(1),
                new HealthEvent(2, "gateway", HealthStatus.HEALTHY, ""),
                new OrderUpdateEvent(3, 9, "ES", OrderStatus.NEW, 0, 1, 0, "")));
        Path file = dir.resolve("events.journal");
        Journals.write(file, envelopes);
        assertZeroTailsAreTorn(Files.readAllBytes(file));
    }

    private void assertZeroTailsAreTorn(byte[] whole) throws IOException {
        Path original = Files.write(dir.resolve("original.journal"), whole);
        List<Long> starts = new ArrayList<>();
        List<JournalRecord> records = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(original)) {
            for (JournalRecord record; (record = reader.next()) != null; ) {
                starts.add(record.offset());
                records.add(record);
            }
        }
        int n = records.size();
        long secondLast = starts.get(n - 2);
        Path cut = dir.resolve("cut.journal");
        for (long zeroFrom = secondLast; zeroFrom < whole.length; zeroFrom++) {
            byte[] bytes = whole.clone();
            Arrays.fill(bytes, (int) zeroFrom, bytes.length, (byte) 0);
            Files.write(cut, bytes);
            // A record stays whole if the zeros changed none of its bytes (its own tail was zeros already).
            int intact = 0;
            while (intact < n && unchanged(whole, bytes, starts.get(intact), end(starts, intact, whole.length))) {
                intact++;
            }
            try (JournalReader reader = JournalReader.open(cut)) {
                List<JournalRecord> read = new ArrayList<>();
                for (JournalRecord record; (record = reader.next()) != null; ) {
                    read.add(record);
                }
                assertThat(read).as("zeros from %d", zeroFrom).containsExactlyElementsOf(records.subList(0, intact));
                assertThat(reader.tornTail()).as("zeros from %d", zeroFrom).isEqualTo(intact < n);
                assertThat(reader.endOffset()).as("zeros from %d", zeroFrom)
                        .isEqualTo(intact < n ? starts.get(intact) : whole.length);
            }
        }
    }

    private static long end(List<Long> starts, int record, long fileLength) {
        return record + 1 < starts.size() ? starts.get(record + 1) : fileLength;
    }

    private static boolean unchanged(byte[] before, byte[] after, long from, long to) {
        return Arrays.equals(before, (int) from, (int) to, after, (int) from, (int) to);
    }
}
