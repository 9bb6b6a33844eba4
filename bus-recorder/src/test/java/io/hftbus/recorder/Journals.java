package io.hftbus.recorder;

import io.hftbus.testing.SampleEvents;
import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.Priority;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.MarketDataEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

    /**
     * Records a bus whose 2-slot HIGH lane (DROP_NEWEST) is held by its handler: ticks 0 to 5 are
     * published, 0 is being handled, 1 and 2 fill the lane, and 3, 4 and 5 are refused. Returns the
     * recorder once the bus has closed, so its journal is complete.
     */
    static BusRecorder recordThreeRefusals(Path file) throws InterruptedException {
        BusRecorder recorder = BusRecorder.create(RecorderConfig.defaults().withJournal(file));
        CountDownLatch handlerEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (EventBus bus = EventBus.builder().name("refusing").observer(recorder)
                .laneCapacity(Priority.HIGH, 2).backpressure(Priority.HIGH, BackpressurePolicy.DROP_NEWEST).build()) {
            bus.subscribe(MarketDataEvent.class, envelope -> {
                handlerEntered.countDown();
                release.await(30, TimeUnit.SECONDS);
            });
            bus.publish(SampleEvents.esTick(0));
            if (!handlerEntered.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the handler did not start within 30 s");
            }
            for (int i = 1; i <= 5; i++) {
                bus.publish(SampleEvents.esTick(i));
            }
            release.countDown();
        }
        return recorder;
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
