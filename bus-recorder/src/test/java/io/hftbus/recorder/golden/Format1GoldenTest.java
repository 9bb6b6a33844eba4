package io.hftbus.recorder.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.Envelope;
import io.hftbus.recorder.JournalReader;
import io.hftbus.recorder.JournalRecord;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The format-1 journals written by the first journal code read back exactly, forever. */
public class Format1GoldenTest {

    public static Path golden(String name) {
        try {
            return Path.of(Format1GoldenTest.class.getResource("/journals/format1/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyEventOfEveryTypeReadsBackAsWrittenInFileOrderWithTheRefusalsAfter() throws IOException {
        Path file = golden("all-types.journal");
        List<Envelope<?>> published = new ArrayList<>();
        List<Long> refused = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(file)) {
            for (JournalRecord record; (record = reader.next()) != null; ) {
                if (record instanceof JournalRecord.Published) {
                    assertThat(refused).as("events precede the refusals").isEmpty();
                    published.add(((JournalRecord.Published) record).envelope());
                } else {
                    refused.add(record.sequence());
                }
            }
            assertThat(reader.tornTail()).isFalse();
            assertThat(reader.endOffset()).isEqualTo(Files.size(file));
        }
        List<Envelope<?>> expected = Format1Golden.envelopes();
        assertThat(published).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            // Record equality compares doubles by their bits as Double.compare does: -0.0 and subnormals count.
            assertThat(published.get(i)).as("record %d", i).isEqualTo(expected.get(i));
        }
        assertThat(refused).isEqualTo(Format1Golden.REFUSED);
    }

    @Test
    void theTornCopyReadsUpToItsLastCompleteRecordAndReportsTheTornTail() throws IOException {
        Path file = golden("torn-tail.journal");
        int records = 0;
        long lastEnd;
        try (JournalReader reader = JournalReader.open(file)) {
            while (reader.next() != null) {
                records++;
            }
            assertThat(reader.tornTail()).isTrue();
            lastEnd = reader.endOffset();
        }
        assertThat(records).isEqualTo(Format1Golden.envelopes().size() + Format1Golden.REFUSED.size() - 1);
        assertThat(Files.size(file) - lastEnd).as("bytes of the torn record").isPositive()
                .isLessThan(Files.size(golden("all-types.journal")) - lastEnd);
    }
}
