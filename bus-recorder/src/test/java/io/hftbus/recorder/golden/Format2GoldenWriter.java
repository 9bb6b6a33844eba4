package io.hftbus.recorder.golden;

import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.codec.EventCodec;
import io.hftbus.codec.RecordCodec;
import io.hftbus.codec.RecordSchema;
import io.hftbus.codec.WireCodes;
import io.hftbus.recorder.BusRecorder;
import io.hftbus.recorder.RecorderConfig;
import io.hftbus.recorder.internal.JournalFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The program that wrote the format-2 golden journals (see {@link Format2Golden}); kept to say how
 * they were made. {@link #allTypes} is also what the golden-bytes test compares with the file.
 *
 * <pre>
 * java ... io.hftbus.recorder.golden.Format2GoldenWriter bus-recorder/src/test/resources/journals/format2
 * </pre>
 */
public final class Format2GoldenWriter {

    private Format2GoldenWriter() {
    }

    /** Writes {@code all-types.journal} and {@code evolved-market-data.journal} into the directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        allTypes(dir.resolve("all-types.journal"));
        Files.write(dir.resolve("evolved-market-data.journal"), evolvedMarketData());
    }

    /**
     * Writes {@link Format2Golden#envelopes()} and the refusals through a recorder, as any
     * application would, then sets the header's creation times to the golden ones (and its CRC).
     */
    static void allTypes(Path file) throws IOException {
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(0).withJournal(file));
        List<Envelope<?>> envelopes = Format2Golden.envelopes();
        for (Envelope<?> envelope : envelopes) {
            recorder.onPublished(envelope);
        }
        for (long sequence : Format1Golden.REFUSED) {
            recorder.onDropped(envelopes.stream().filter(e -> e.sequence() == sequence).findFirst().orElseThrow(),
                    null, DropReason.LANE_FULL);
        }
        recorder.close();
        if (recorder.journal().orElseThrow().lostAny()) {
            throw new IllegalStateException("the golden journal lost records: " + recorder.journal().orElseThrow());
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer header = ByteBuffer.allocate(JournalFormat.HEADER_LENGTH);
        JournalFormat.putHeader(header, new CRC32C(), Format2Golden.CREATED_EPOCH_NANOS,
                Format2Golden.CREATED_NANO_TIME);
        System.arraycopy(header.array(), 0, bytes, 0, JournalFormat.HEADER_LENGTH);
        Files.write(file, bytes);
    }

    /** A format-2 journal as a version with another market data record wrote it, framed by hand. */
    static byte[] evolvedMarketData() {
        EventCodec codec = EventCodec.standard();
        RecordCodec<Format2Golden.MarketDataEvent0> older = RecordCodec.of(Format2Golden.MarketDataEvent0.class);
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        CRC32C crc = new CRC32C();
        JournalFormat.putHeader(out, crc, Format2Golden.CREATED_EPOCH_NANOS, Format2Golden.CREATED_NANO_TIME);
        for (EventType type : EventType.values()) {
            RecordSchema schema = type == EventType.MARKET_DATA ? older.schema() : codec.schema(type);
            int frame = out.position();
            out.position(frame + JournalFormat.FRAME_LENGTH);
            out.put(JournalFormat.KIND_SCHEMA).putShort((short) type.wireCode());
            schema.write(out);
            JournalFormat.sealFrame(out, frame, out.position() - frame - JournalFormat.FRAME_LENGTH, crc);
        }
        long sequence = 0;
        for (Object written : Format2Golden.evolvedWritten()) {
            int frame = out.position();
            out.position(frame + JournalFormat.FRAME_LENGTH);
            boolean tick = written instanceof Format2Golden.MarketDataEvent0;
            out.put(JournalFormat.KIND_EVENT).put((byte) WireCodes.priorityCode(tick ? Priority.HIGH : Priority.CRITICAL))
                    .putLong(sequence).putLong(Format2Golden.CREATED_NANO_TIME + 1_000 * sequence);
            if (tick) {
                out.putShort((short) EventType.MARKET_DATA.wireCode());
                older.encode((Format2Golden.MarketDataEvent0) written, out);
            } else {
                codec.encode((Event) written, out);
            }
            JournalFormat.sealFrame(out, frame, out.position() - frame - JournalFormat.FRAME_LENGTH, crc);
            sequence++;
        }
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }
}
