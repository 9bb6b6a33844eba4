package io.hftbus.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.hftbus.api.Envelope;
import io.hftbus.api.event.Event;
import io.hftbus.testing.SampleEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage followed by more data is always reported, with file, offset and kind, at the record the
 * damage starts in; it never passes for a torn tail. Each record's header carries its own CRC32C,
 * so a damaged length cannot send the reader past the end of the file.
 */
class JournalDamageTest {

    private static final int ROUNDS = 4_000;

    @TempDir
    Path dir;

    @Test
    void randomGarbageInTheMiddleIsAlwaysReportedAtTheRecordItStartsIn() throws IOException {
        List<Event> kinds = SampleEvents.oneOfEach();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            events.add(kinds.get(i % kinds.size()));
        }
        List<Envelope<?>> envelopes = Journals.envelopes(events);
        Path original = dir.resolve("original.journal");
        Journals.write(original, envelopes);
        byte[] whole = Files.readAllBytes(original);
        List<Long> starts = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(original)) {
            for (JournalRecord record; (record = reader.next()) != null; ) {
                starts.add(record.offset());
            }
        }
        long firstRecord = starts.get(0);
        long lastRecord = starts.get(starts.size() - 1);
        Random random = new Random(0xDA4A6EL);
        Path file = dir.resolve("damaged.journal");
        for (int round = 0; round < ROUNDS; round++) {
            byte[] bytes = whole.clone();
            int length = 1 + random.nextInt(48);
            // Anywhere from the first event record to before the last record: more data always follows.
            int at = (int) firstRecord + random.nextInt((int) (lastRecord - firstRecord) - length);
            for (int i = at; i < at + length; i++) {
                bytes[i] = (byte) random.nextInt(256);
            }
            int firstChanged = at;
            while (firstChanged < at + length && bytes[firstChanged] == whole[firstChanged]) {
                firstChanged++;
            }
            if (firstChanged == at + length) {
                continue; // the garbage happened to be what was there
            }
            long damagedRecord = recordContaining(starts, firstChanged);
            Files.write(file, bytes);
            try {
                JournalContents contents = JournalReader.readAll(file);
                fail("round %d: damage at %d read as %d events, torn tail %s", round, firstChanged,
                        contents.events().size(), contents.tornTail());
            } catch (JournalFormatException e) {
                assertThat(e.offset()).as("round %d, damage at %d", round, firstChanged).isEqualTo(damagedRecord);
                assertThat(e.getMessage()).contains(file.toString()).contains("at offset " + damagedRecord)
                        .contains(e.problem().name());
            }
        }
    }

    private static long recordContaining(List<Long> starts, long offset) {
        long found = starts.get(0);
        for (long start : starts) {
            if (start <= offset) {
                found = start;
            }
        }
        return found;
    }
}
