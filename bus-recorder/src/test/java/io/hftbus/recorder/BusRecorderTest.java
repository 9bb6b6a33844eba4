package io.hftbus.recorder;

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
import java.util.stream.LongStream;
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
    void snapshotsAreImmutableAndKeepTheOrderTheBusAnnouncedThem() {
        // Sequences of different publishers are not one order: the recording keeps arrival order.
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(16));
        for (long sequence : new long[] {3, 0, 2, 1, 5, 4}) {
            recorder.onPublished(envelope(sequence));
        }
        List<Envelope<?>> events = recorder.events();
        assertThat(sequences(events)).containsExactly(3L, 0L, 2L, 1L, 5L, 4L);
        assertThatThrownBy(() -> events.add(envelope(9))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void filtersByTypeBySequenceRangeAndByTimeRange() {
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(64));
        List<Event> all = TestEvents.oneOfEach();
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
    void concurrentPublishersAreAllRecordedOnceInSequenceOrder() throws Exception {
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
                            bus.publish(TestEvents.tick(publisher * 1_000_000L + i));
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
        // Sequences are unique within the bus, but not dense nor one order across publishers.
        assertThat(sequences(events)).hasSize(publishers * perPublisher).doesNotHaveDuplicates();
        for (int p = 0; p < publishers; p++) {
            long base = p * 1_000_000L;
            List<Long> ownTimestamps = events.stream().map(e -> e.event().timestamp())
                    .filter(t -> t - TestEvents.tick(0).timestamp() >= base
                            && t - TestEvents.tick(0).timestamp() < base + perPublisher)
                    .collect(Collectors.toList());
            assertThat(ownTimestamps).as("publisher %s in its own order", p).isSorted().hasSize(perPublisher);
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
            bus.publish(TestEvents.tick(0));
            assertThat(handlerEntered.await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 10; i++) {
                long sequence = bus.publish(TestEvents.tick(i));
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
        MarketDataEvent tick = TestEvents.tick(sequence);
        return new Envelope<>(sequence, 1_000L * sequence, Priority.HIGH, tick);
    }

    static List<Long> sequences(List<Envelope<?>> events) {
        return events.stream().map(Envelope::sequence).collect(Collectors.toList());
    }
}
