package io.hftbus.recorder.golden;

import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.recorder.BusRecorder;
import io.hftbus.recorder.RecorderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The program that wrote the format-1 golden journals, with the format-1 writer of the recorder
 * (journal format 1 was the only one then). Kept to say exactly how they were made; they are never
 * rewritten, since a later writer writes a later format.
 *
 * <pre>
 * java ... io.hftbus.recorder.golden.Format1GoldenWriter bus-recorder/src/test/resources/journals/format1
 * </pre>
 */
public final class Format1GoldenWriter {

    private Format1GoldenWriter() {
    }

    /** Writes {@code all-types.journal} and {@code torn-tail.journal} into the directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        Path all = dir.resolve("all-types.journal");
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(0).withJournal(all));
        for (Envelope<?> envelope : Format1Golden.envelopes()) {
            recorder.onPublished(envelope);
        }
        for (long sequence : Format1Golden.REFUSED) {
            Envelope<?> refused = Format1Golden.envelopes().stream().filter(e -> e.sequence() == sequence)
                    .findFirst().orElseThrow();
            recorder.onDropped(refused, null, DropReason.LANE_FULL);
        }
        recorder.close();
        if (recorder.journal().orElseThrow().lostAny()) {
            throw new IllegalStateException("the golden journal lost records: " + recorder.journal().orElseThrow());
        }
        byte[] bytes = Files.readAllBytes(all);
        Files.write(dir.resolve("torn-tail.journal"), Arrays.copyOf(bytes, bytes.length - Format1Golden.TORN_CUT));
    }
}
