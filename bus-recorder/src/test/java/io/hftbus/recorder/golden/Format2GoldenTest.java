package io.hftbus.recorder.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.Envelope;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.codec.FieldKind;
import io.hftbus.codec.RecordSchema;
import io.hftbus.recorder.JournalFormatException;
import io.hftbus.recorder.JournalFormatException.Problem;
import io.hftbus.recorder.JournalReader;
import io.hftbus.recorder.JournalRecord;
import io.hftbus.recorder.internal.JournalFormat;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format 2 is pinned byte for byte, reads other versions of the records, and names what it does not know. */
class Format2GoldenTest {

    @TempDir
    Path dir;

    static Path golden(String name) {
        try {
            return Path.of(Format2GoldenTest.class.getResource("/journals/format2/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void todaysWriterWritesTheGoldenBytes() throws IOException {
        Path written = dir.resolve("today.journal");
        Format2GoldenWriter.allTypes(written);
        assertThat(Files.readAllBytes(written)).as("format 2, byte for byte")
                .isEqualTo(Files.readAllBytes(golden("all-types.journal")));
    }

    @Test
    void theGoldenFileReadsBackEveryEventAndRefusalInFileOrder() throws IOException {
        Path file = golden("all-types.journal");
        List<Envelope<?>> published = new ArrayList<>();
        List<Long> refused = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(file)) {
            assertThat(reader.header().version()).isEqualTo(2);
            assertThat(reader.header().createdEpochNanos()).isEqualTo(Format2Golden.CREATED_EPOCH_NANOS);
            assertThat(reader.header().epochNanosOf(Format2Golden.CREATED_NANO_TIME + 5))
                    .isEqualTo(Format2Golden.CREATED_EPOCH_NANOS + 5);
            for (JournalRecord record; (record = reader.next()) != null; ) {
                if (record instanceof JournalRecord.Published) {
                    published.add(((JournalRecord.Published) record).envelope());
                } else {
                    refused.add(record.sequence());
                }
            }
            assertThat(reader.schemas()).hasSize(EventType.values().length);
            assertThat(reader.tornTail()).isFalse();
            assertThat(reader.endOffset()).isEqualTo(Files.size(file));
        }
        assertThat(published).containsExactlyElementsOf(Format2Golden.envelopes());
        assertThat(refused).isEqualTo(Format1Golden.REFUSED);
    }

    @Test
    void aFieldAddedSinceReadsAsItsDefaultAndAFieldRemovedSinceIsSkipped() throws IOException {
        List<Event> events = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(golden("evolved-market-data.journal"))) {
            for (JournalRecord record; (record = reader.next()) != null; ) {
                events.add(((JournalRecord.Published) record).envelope().event());
            }
            assertThat(reader.schemas().get(EventType.MARKET_DATA.wireCode()).field("venue")).isNotNull();
        }
        assertThat(events).containsExactlyElementsOf(Format2Golden.evolvedRead());
    }

    @Test
    void anUnknownVersionIsRefusedNamingFileOffsetAndVersion() throws IOException {
        byte[] bytes = Files.readAllBytes(golden("all-types.journal"));
        ByteBuffer.wrap(bytes).putInt(8, 3);
        Path file = Files.write(dir.resolve("v3.journal"), bytes);
        assertThatThrownBy(() -> JournalReader.open(file)).isInstanceOfSatisfying(JournalFormatException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED_VERSION);
            assertThat(e.offset()).isEqualTo(8);
        }).hasMessageContaining(file.toString()).hasMessageContaining("version 3");
    }

    @Test
    void unknownCodesAreRefusedNamingFileOffsetAndTheCode() throws IOException {
        byte[] golden = Files.readAllBytes(golden("all-types.journal"));
        long first = firstEventOffset(golden("all-types.journal"));
        int payload = (int) first + JournalFormat.FRAME_LENGTH;

        assertUnknown(golden, first, payload + 18, new byte[] {0x03, (byte) 0xE7}, "event type code 999");
        assertUnknown(golden, first, payload + 1, new byte[] {9}, "no priority has wire code 9");
        assertUnknown(golden, first, payload, new byte[] {7}, "record kind 7");
    }

    @Test
    void aSchemaThatNoLongerFitsTheRecordIsRefusedNamingTheTypeAndField() throws IOException {
        byte[] bytes = Files.readAllBytes(golden("evolved-market-data.journal"));
        // Rewrite the market data schema with price as a STRING: the kind of a field never changes.
        long schemaOffset = JournalFormat.HEADER_LENGTH;
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int length = buffer.getInt((int) schemaOffset);
        ByteBuffer payload = ByteBuffer.wrap(bytes, (int) schemaOffset + JournalFormat.FRAME_LENGTH + 3, length - 3);
        RecordSchema schema = RecordSchema.read(payload.slice());
        List<RecordSchema.Field> fields = new ArrayList<>();
        for (RecordSchema.Field field : schema.fields()) {
            fields.add(field.name().equals("price") ? new RecordSchema.Field("price", FieldKind.Scalar.STRING) : field);
        }
        RecordSchema changed = new RecordSchema(schema.name(), fields);
        assertThat(changed.encodedSize()).isEqualTo(schema.encodedSize());
        ByteBuffer at = ByteBuffer.wrap(bytes, (int) schemaOffset + JournalFormat.FRAME_LENGTH + 3, length - 3).slice();
        changed.write(at);
        JournalFormat.sealFrame(buffer, (int) schemaOffset, length, new CRC32C());
        Path file = Files.write(dir.resolve("incompatible.journal"), bytes);
        assertThatThrownBy(() -> JournalReader.readAll(file))
                .isInstanceOfSatisfying(JournalFormatException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.INCOMPATIBLE_SCHEMA))
                .hasMessageContaining(file.toString()).hasMessageContaining("MARKET_DATA")
                .hasMessageContaining("price").hasMessageContaining("STRING");
    }

    /** Overwrites {@code replacement} at {@code at} inside the record at {@code record}, reseals it, expects the code named. */
    private void assertUnknown(byte[] golden, long record, int at, byte[] replacement, String expected)
            throws IOException {
        byte[] bytes = golden.clone();
        System.arraycopy(replacement, 0, bytes, at, replacement.length);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        JournalFormat.sealFrame(buffer, (int) record, buffer.getInt((int) record), new CRC32C());
        Path file = Files.write(dir.resolve("unknown.journal"), bytes);
        assertThatThrownBy(() -> JournalReader.readAll(file))
                .isInstanceOfSatisfying(JournalFormatException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_CODE);
                    assertThat(e.offset()).isEqualTo(record);
                    assertThat(e.file()).isEqualTo(file);
                })
                .hasMessageContaining(file.toString()).hasMessageContaining("at offset " + record)
                .hasMessageContaining(expected);
        Files.delete(file);
    }

    private static long firstEventOffset(Path file) throws IOException {
        try (JournalReader reader = JournalReader.open(file)) {
            return reader.next().offset();
        }
    }
}
