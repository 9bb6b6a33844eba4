package io.hftbus.recorder;

import io.hftbus.api.Envelope;
import io.hftbus.api.event.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes journals for the tests without a bus: the recorder is fed envelopes, then closed. */
final class Journals {

    private Journals() {
    }

    /** Envelopes of {@code events} with sequences 0, 1, 2... and their types' default priorities. */
    static List<Envelope<?>> envelopes(List<? extends Event> events) {
        List<Envelope<?>> envelopes = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            envelopes.add(new Envelope<>(i, 1_000_000L + 10L * i, event.type().defaultPriority(), event));
        }
        return envelopes;
    }

    /** Writes {@code envelopes} to a new journal at {@code file} and closes it. */
    static BusRecorder write(Path file, List<Envelope<?>> envelopes) {
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(16).withJournal(file));
        for (Envelope<?> envelope : envelopes) {
            recorder.onPublished(envelope);
        }
        recorder.close();
        return recorder;
    }
}
