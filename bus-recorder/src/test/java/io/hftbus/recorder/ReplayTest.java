package io.hftbus.recorder;

import io.hftbus.testing.SampleEvents;
import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.Priority;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.api.recorder.ReplayOptions;
import io.hftbus.api.recorder.ReplayResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

    private static final int EVENTS = 3_000;

    @TempDir
    Path dir;

    @Test
    void recordingAReplayFromMemoryGivesTheSameEventsInTheSameOrderWithTheSamePriorities() throws Exception {
        BusRecorder original = recordMixedTraffic(null);
        BusRecorder replayed = BusRecorder.create();
        AtomicLong delivered = new AtomicLong();
        ReplayResult result;
        try (EventBus target = blockingBus("target", replayed)) {
            target.subscribeAll(envelope -> delivered.incrementAndGet());
            result = original.replay(target, ReplayOptions.asFastAsPossible());
        }
        assertThat(result).isEqualTo(new ReplayResult(EVENTS, 0, 0, 0));
        assertThat(delivered).hasValue(EVENTS);
        assertThat(eventsAndPriorities(replayed.events())).containsExactlyElementsOf(
                eventsAndPriorities(original.events()));
        assertThat(BusRecorderTest.sequences(replayed.events())).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void recordingAReplayFromAJournalGivesTheSameEventsInTheSameOrderWithTheSamePriorities() throws Exception {
        Path journal = dir.resolve("session.journal");
        BusRecorder original = recordMixedTraffic(journal);
        BusRecorder replayed = BusRecorder.create();
        ReplayResult result;
        try (EventBus target = blockingBus("target", replayed)) {
            result = Replayer.replay(journal, target, ReplayOptions.asFastAsPossible());
        }
        assertThat(result.published()).isEqualTo(EVENTS);
        assertThat(eventsAndPriorities(replayed.events())).containsExactlyElementsOf(
                eventsAndPriorities(original.events()));
    }

    @Test
    void aBacktestReplaysOnlyTheTypesItAsksFor() throws Exception {
        BusRecorder original = recordMixedTraffic(null);
        BusRecorder replayed = BusRecorder.create();
        ReplayResult result;
        try (EventBus target = blockingBus("backtest", replayed)) {
            result = original.replay(target, ReplayOptions.asFastAsPossible()
                    .onlyTypes(EventType.MARKET_DATA, EventType.ORDER_BOOK));
        }
        List<Envelope<?>> marketData = original.events(java.util.EnumSet.of(EventType.MARKET_DATA, EventType.ORDER_BOOK));
        assertThat(result.published()).isEqualTo(marketData.size());
        assertThat(result.filteredOut()).isEqualTo(EVENTS - marketData.size());
        assertThat(eventsAndPriorities(replayed.events())).containsExactlyElementsOf(eventsAndPriorities(marketData));
    }

    @Test
    void eventsTheRecordedBusRefusedAreNotReplayedFromAJournal() throws Exception {
        Path journal = dir.resolve("refusals.journal");
        BusRecorder recorder = Journals.recordThreeRefusals(journal); // ticks 3, 4, 5 refused
        BusRecorder replayed = BusRecorder.create();
        ReplayResult result;
        try (EventBus target = blockingBus("target", replayed)) {
            result = Replayer.replay(journal, target, ReplayOptions.asFastAsPossible());
        }
        assertThat(result).isEqualTo(new ReplayResult(3, 0, 0, 3));
        assertThat(replayed.events()).extracting(e -> (Event) e.event())
                .containsExactly(SampleEvents.esTick(0), SampleEvents.esTick(1), SampleEvents.esTick(2));
    }

    @Test
    void aJournalIsReplayedInTheOrderTheRecorderWasToldOfItsEventsNotBySequence() throws Exception {
        Path journal = dir.resolve("unordered.journal");
        List<Envelope<?>> envelopes = Journals.envelopes(List.of(SampleEvents.esTick(0), SampleEvents.esTick(1),
                SampleEvents.esTick(2), SampleEvents.esTick(3)));
        // Two publishers: sequence 1 reached the recorder before 0, and 3 before 2; the recorder's order stands.
        Journals.write(journal, List.of(envelopes.get(1), envelopes.get(0), envelopes.get(3), envelopes.get(2)));
        BusRecorder replayed = BusRecorder.create();
        try (EventBus target = blockingBus("target", replayed)) {
            Replayer.replay(journal, target, ReplayOptions.asFastAsPossible());
        }
        assertThat(replayed.events()).extracting(e -> (Event) e.event()).containsExactly(SampleEvents.esTick(1),
                SampleEvents.esTick(0), SampleEvents.esTick(3), SampleEvents.esTick(2));
        assertThat(JournalReader.readAll(journal).events()).extracting(Envelope::sequence)
                .containsExactly(1L, 0L, 3L, 2L);
    }

    @Test
    void aPacedReplayWaitsOutTheRecordedGapsDividedByTheSpeed() throws Exception {
        long gap = TimeUnit.MILLISECONDS.toNanos(20);
        List<Envelope<?>> recorded = List.of(
                new Envelope<>(0, 5_000, Priority.HIGH, SampleEvents.esTick(0)),
                new Envelope<>(1, 5_000 + gap, Priority.HIGH, SampleEvents.esTick(1)),
                new Envelope<>(2, 5_000 + 2 * gap, Priority.HIGH, SampleEvents.esTick(2)));
        BusRecorder replayed = BusRecorder.create();
        long started;
        long elapsed;
        try (EventBus target = blockingBus("paced", replayed)) {
            started = System.nanoTime();
            Replayer.replay(recorded, target, ReplayOptions.atRecordedPace(2.0));
            elapsed = System.nanoTime() - started;
        }
        // The recorded span is 40 ms; at twice the speed the replay cannot take less than 20 ms.
        assertThat(elapsed).isGreaterThanOrEqualTo(gap);
        // Event k is due k * gap / 2 after the replay started, which was after `started`; the first
        // event's own stamp may come later than the start, so gaps are measured from `started`.
        List<Envelope<?>> events = replayed.events();
        assertThat(events.get(1).publishNanos() - started).isGreaterThanOrEqualTo(gap / 2);
        assertThat(events.get(2).publishNanos() - started).isGreaterThanOrEqualTo(gap);
    }

    /** Publishes {@value #EVENTS} events of every type, a third of them with an overridden priority. */
    private static BusRecorder recordMixedTraffic(Path journal) {
        RecorderConfig config = RecorderConfig.defaults();
        BusRecorder recorder = BusRecorder.create(journal == null ? config : config.withJournal(journal));
        try (EventBus bus = blockingBus("recorded", recorder)) {
            List<Event> kinds = SampleEvents.oneOfEach();
            Priority[] priorities = Priority.values();
            for (int i = 0; i < EVENTS; i++) {
                Event event = kinds.get(i % kinds.size());
                if (i % 3 == 0) {
                    bus.publish(event, priorities[i % priorities.length]);
                } else {
                    bus.publish(event);
                }
            }
        }
        assertThat(recorder.recordedCount()).isEqualTo(EVENTS);
        return recorder;
    }

    private static EventBus blockingBus(String name, BusRecorder recorder) {
        return EventBus.builder().name(name).observer(recorder).backpressure(BackpressurePolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(30)).build();
    }

    private static List<String> eventsAndPriorities(List<Envelope<?>> envelopes) {
        return envelopes.stream().map(e -> e.priority() + " " + e.event()).collect(Collectors.toList());
    }
}
