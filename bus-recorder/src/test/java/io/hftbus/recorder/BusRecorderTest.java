package io.hftbus.recorder;

import io.hftbus.testing.SampleEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.Priority;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BusRecorderTest {

    @Test
    void defaultsToAHundredThousandRoundedUpToAPowerOfTwo() {
        BusRecorder recorder = BusRecorder.create();
        assertThat(recorder.capacity()).isEqualTo(131_072);
        assertThat(recorder.journal()).isEmpty();
    }

    @Test
    void theRingKeepsTheNewestAndCountsWhatItOverwrote() {
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(8));
        for (long sequence = 0; sequence < 21; sequence++) {
            recorder.onPublished(envelope(sequence));
        }
        assertThat(recorder.recordedCount()).isEqualTo(21);
        assertThat(recorder.overwrittenCount()).isEqualTo(13);
        assertThat(sequences(recorder.events())).containsExactly(13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
    }

    @Test
    void snapshotsAreImmutableAndKeepTheOrderTheRecorderWasToldOfWhateverTheSequences() {
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(16));
        // Two publishers claiming sequences in blocks: gaps, and the blocks interleave.
        long[] sequences = {1024, 0, 1025, 1, 2, 4096, 1026};
        for (long sequence : sequences) {
            recorder.onPublished(envelope(sequence));
        }
        List<Envelope<?>> events = recorder.events();
        assertThat(sequences(events)).containsExactly(1024L, 0L, 1025L, 1L, 2L, 4096L, 1026L);
        assertThat(sequences(recorder.eventsBySequence(1, 1025))).containsExactly(1024L, 1025L, 1L, 2L);
        assertThatThrownBy(() -> events.add(envelope(9))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aWrappedRingKeepsTheNewestArrivalsWhateverTheirSequences() {
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(4));
        for (long sequence : new long[] {50, 7, 900, 3, 8, 51}) {
            recorder.onPublished(envelope(sequence));
        }
        assertThat(sequences(recorder.events())).containsExactly(900L, 3L, 8L, 51L);
        assertThat(recorder.overwrittenCount()).isEqualTo(2);
    }

    @Test
    void aRefusalHidesTheRefusedEnvelopeWhereverItsSequenceFallsAndNoOther() {
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(8));
        Envelope<?> refused = envelope(2048);
        Envelope<?> sameSlotOnceDense = envelope(2048 + 8);
        recorder.onPublished(envelope(0));
        recorder.onPublished(refused);
        recorder.onPublished(sameSlotOnceDense);
        recorder.onDropped(refused, null, DropReason.LANE_FULL);
        assertThat(sequences(recorder.events())).containsExactly(0L, 2056L);
        assertThat(recorder.refusedCount()).isEqualTo(1);
    }

    @Test
    void setsOfEveryKindAreAcceptedAndANullTypeIsRefusedWithAMessage() {
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(8));
        recorder.onPublished(envelope(0));
        assertThat(recorder.events(java.util.Set.of(EventType.FILL))).isEmpty();
        assertThat(recorder.events(java.util.Set.of(EventType.MARKET_DATA, EventType.FILL))).hasSize(1);
        java.util.Set<EventType> withNull = new java.util.HashSet<>(java.util.Arrays.asList(EventType.FILL, null));
        assertThatThrownBy(() -> recorder.events(withNull)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("types must not contain null");
    }

    @Test
    void unstampedEnvelopesAreRecordedAsTheyAreAndHaveNoTime() {
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(8));
        Envelope<?> unstamped = new Envelope<>(3, Envelope.NOT_STAMPED, Priority.HIGH, SampleEvents.esTick(3));
        recorder.onPublished(unstamped);
        assertThat(recorder.events()).containsExactly(unstamped);
        assertThat(recorder.eventsByTime(Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void filtersByTypeBySequenceRangeAndByTimeRange() {
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(64));
        List<Event> all = SampleEvents.oneOfEach();
        for (int i = 0; i < all.size(); i++) {
            recorder.onPublished(new Envelope<>(i, 1_000L * i, all.get(i).type().defaultPriority(), all.get(i)));
        }
        assertThat(recorder.events(EventType.FILL)).extracting(Envelope::type).containsExactly(EventType.FILL);
        assertThat(recorder.events(EnumSet.of(EventType.ORDER, EventType.MARKET_DATA)))
                .extracting(Envelope::type).containsExactly(EventType.MARKET_DATA, EventType.ORDER);
        assertThat(sequences(recorder.eventsBySequence(3, 5))).containsExactly(3L, 4L, 5L);
        assertThat(sequences(recorder.eventsBySequence(14, Long.MAX_VALUE))).containsExactly(14L, 15L);
        assertThat(sequences(recorder.eventsByTime(2_000, 4_500))).containsExactly(2L, 3L, 4L);
        assertThatThrownBy(() -> recorder.eventsBySequence(5, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fromSequence was 5");
    }

    @Test
    void concurrentPublishersAreAllRecordedOnceEachInItsOwnOrder() throws Exception {
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(1 << 16));
        int publishers = 4;
        int perPublisher = 10_000;
        try (EventBus bus = EventBus.builder().name("concurrent").observer(recorder)
                .backpressure(BackpressurePolicy.BLOCK).blockTimeout(Duration.ofSeconds(30)).build()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                int publisher = p;
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perPublisher; i++) {
                            bus.publish(SampleEvents.esTick(publisher * 1_000_000L + i));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(thread.isAlive()).isFalse();
            }
        }
        List<Envelope<?>> events = recorder.events();
        assertThat(recorder.recordedCount()).isEqualTo((long) publishers * perPublisher);
        assertThat(sequences(events)).doesNotHaveDuplicates().hasSize(publishers * perPublisher);
        for (int p = 0; p < publishers; p++) {
            long base = p * 1_000_000L;
            List<Long> ownTimestamps = events.stream().map(e -> e.event().timestamp())
                    .filter(t -> t - SampleEvents.esTick(0).timestamp() >= base
                            && t - SampleEvents.esTick(0).timestamp() < base + perPublisher)
                    .collect(Collectors.toList());
            assertThat(ownTimestamps).as("publisher %s in its own order", p).isSorted().hasSize(perPublisher);
            List<Long> ownSequences = events.stream().filter(e -> e.event().timestamp()
                    - SampleEvents.esTick(0).timestamp() >= base
                    && e.event().timestamp() - SampleEvents.esTick(0).timestamp() < base + perPublisher)
                    .map(Envelope::sequence).collect(Collectors.toList());
            assertThat(ownSequences).as("publisher %s's sequences increase", p).isSorted();
        }
    }

    @Test
    void eventsTheBusRefusedAreCountedAndLeftOut() throws Exception {
        BusRecorder recorder = BusRecorder.create();
        List<Long> refused = new ArrayList<>();
        CountDownLatch handlerEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (EventBus bus = EventBus.builder().name("refusing").observer(recorder)
                .laneCapacity(Priority.HIGH, 4).backpressure(Priority.HIGH, BackpressurePolicy.DROP_NEWEST).build()) {
            bus.subscribe(MarketDataEvent.class, envelope -> {
                handlerEntered.countDown();
                release.await(30, TimeUnit.SECONDS);
            });
            bus.publish(SampleEvents.esTick(0));
            assertThat(handlerEntered.await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 10; i++) {
                long sequence = bus.publish(SampleEvents.esTick(i));
                if (sequence == EventBus.NOT_ACCEPTED) {
                    refused.add((long) i); // sequences follow publish order on one thread: sequence == i
                }
            }
            release.countDown();
        }
        assertThat(refused).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(recorder.recordedCount()).isEqualTo(11);
        assertThat(recorder.refusedCount()).isEqualTo(6);
        assertThat(sequences(recorder.events())).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void aLaggingStreamIsNoRefusal() {
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(4));
        Envelope<?> envelope = envelope(0);
        recorder.onPublished(envelope);
        recorder.onDropped(envelope, new io.hftbus.api.Subscription() {
            @Override public String name() { return "lagging"; }
            @Override public java.util.Set<EventType> types() { return EnumSet.of(EventType.MARKET_DATA); }
            @Override public boolean isActive() { return true; }
            @Override public void unsubscribe() { }
        }, DropReason.STREAM_LAGGING);
        assertThat(recorder.refusedCount()).isZero();
        assertThat(recorder.events()).containsExactly(envelope);
    }

    @Test
    void oneRecorderRefusesASecondBus() {
        BusRecorder recorder = BusRecorder.create();
        try (EventBus first = EventBus.builder().name("first").observer(recorder).build()) {
            assertThatThrownBy(() -> recorder.onAttached(first))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("records one bus");
        }
    }

    @Test
    void aRingOfZeroKeepsNothingButStillCounts() {
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(0));
        recorder.onPublished(envelope(0));
        assertThat(recorder.events()).isEmpty();
        assertThat(recorder.recordedCount()).isEqualTo(1);
    }

    static Envelope<?> envelope(long sequence) {
        MarketDataEvent tick = SampleEvents.esTick(sequence);
        return new Envelope<>(sequence, 1_000L * sequence, Priority.HIGH, tick);
    }

    static List<Long> sequences(List<Envelope<?>> events) {
        return events.stream().map(Envelope::sequence).collect(Collectors.toList());
    }
}
