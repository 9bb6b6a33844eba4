package io.hftbus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.BackpressureException;
import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.BusClosedException;
import io.hftbus.api.BusObserver;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.ExclusivePublisher;
import io.hftbus.api.Priority;
import io.hftbus.api.Subscription;
import io.hftbus.api.WaitStrategy;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.HealthEvent;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The publish contract: exclusive publishers, batches, stamping, sequences, and each racing close. */
class PublishPathTest {

    @Test
    void anExclusivePublisherBelongsToTheThreadThatPublishesFirstAndRefusesAnyOtherWithoutPublishing()
            throws Exception {
        try (EventBus bus = EventBus.builder().name("owned").build()) {
            List<Envelope<MarketDataEvent>> got = new CopyOnWriteArrayList<>();
            bus.subscribe(MarketDataEvent.class, got::add);
            ExclusivePublisher feed = bus.exclusivePublisher("feed");
            assertThat(feed.name()).isEqualTo("feed");

            AtomicReference<Throwable> fromOther = new AtomicReference<>();
            Thread owner = new Thread(() -> feed.publish(SampleEvents.tick(1)), "feed-owner");
            owner.start();
            Await.join(owner);
            Thread intruder = new Thread(() -> {
                try {
                    feed.publish(SampleEvents.tick(2));
                } catch (Throwable t) {
                    fromOther.set(t);
                }
            }, "intruder");
            intruder.start();
            Await.join(intruder);

            assertThat(fromOther.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exclusive publisher 'feed' of bus 'owned' belongs to thread 'feed-owner'")
                    .hasMessageContaining("called from thread 'intruder'")
                    .hasMessageContaining("nothing was published");
            // Checked before anything else: the batch path and a null event are refused for misuse too.
            assertThatThrownBy(() -> feed.publishBatch(List.of(SampleEvents.tick(3))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("called from thread '"
                            + Thread.currentThread().getName() + "'");
            Await.until("the owner's one event", () -> got.size() == 1);
            assertThat(bus.close(Duration.ofSeconds(10))).isTrue();
            assertThat(got).extracting(e -> e.event().timestamp()).containsExactly(SampleEvents.tick(1).timestamp());
        }
    }

    @Test
    void sequencesAreUniqueAcrossPublishersAndIncreasePerPublisherInPublishOrder() throws Exception {
        int publishers = 4;
        int perPublisher = 20_000;
        try (EventBus bus = EventBus.builder().name("sequences").waitStrategy(WaitStrategy.YIELDING)
                .backpressure(BackpressurePolicy.BLOCK).blockTimeout(Duration.ofSeconds(30)).build()) {
            ConcurrentLinkedQueue<Envelope<MarketDataEvent>> got = new ConcurrentLinkedQueue<>();
            bus.subscribe(MarketDataEvent.class, got::add);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                String symbol = "P" + p;
                boolean exclusive = p % 2 == 0;
                boolean batched = p == 2 || p == 3;
                threads.add(new Thread(() -> {
                    ExclusivePublisher handle = exclusive ? bus.exclusivePublisher(symbol) : null;
                    List<MarketDataEvent> batch = new ArrayList<>();
                    for (int i = 0; i < perPublisher; i++) {
                        MarketDataEvent tick = SampleEvents.tick(symbol, i);
                        if (batched) {
                            batch.add(tick);
                            if (batch.size() == 7 || i == perPublisher - 1) {
                                int accepted = handle != null ? handle.publishBatch(batch) : bus.publishBatch(batch);
                                assertThat(accepted).isEqualTo(batch.size());
                                batch.clear();
                            }
                        } else if (handle != null) {
                            handle.publish(tick);
                        } else {
                            bus.publish(tick);
                        }
                    }
                }, "publisher-" + p));
            }
            threads.forEach(Thread::start);
            Await.join(threads.toArray(new Thread[0]));
            Await.until("every event", () -> got.size() == publishers * perPublisher);

            Set<Long> sequences = new HashSet<>();
            Map<String, long[]> last = new HashMap<>();
            for (Envelope<MarketDataEvent> envelope : got) {
                assertThat(sequences.add(envelope.sequence())).as("sequence %d unique", envelope.sequence()).isTrue();
                long[] previous = last.computeIfAbsent(envelope.event().symbol(), s -> new long[] {-1, -1});
                // Delivered in publish order per publisher, with increasing sequences.
                assertThat(envelope.event().timestamp()).isGreaterThan(previous[0]);
                assertThat(envelope.sequence()).isGreaterThan(previous[1]);
                previous[0] = envelope.event().timestamp();
                previous[1] = envelope.sequence();
            }
            assertThat(last).hasSize(publishers);
        }
    }

    @Test
    void aBatchSharesOnePublishTimeTakesConsecutiveSequencesAndKeepsItsOrderAcrossLanes() {
        try (EventBus bus = EventBus.builder().name("batch").build()) {
            List<Envelope<Event>> got = new CopyOnWriteArrayList<>();
            bus.subscribeAll(got::add);
            List<Event> batch = List.of(SampleEvents.tick(1), SampleEvents.tick(2), SampleEvents.health("h", 3),
                    SampleEvents.tick(4));
            long before = System.nanoTime();
            assertThat(bus.publishBatch(batch)).isEqualTo(4);
            long after = System.nanoTime();
            Await.until("the batch", () -> got.size() == 4);

            Map<Long, Envelope<Event>> bySequence = new HashMap<>();
            got.forEach(e -> bySequence.put(e.sequence(), e));
            long first = got.stream().mapToLong(Envelope::sequence).min().orElseThrow();
            for (int i = 0; i < batch.size(); i++) {
                Envelope<Event> envelope = bySequence.get(first + i);
                assertThat(envelope.event()).isSameAs(batch.get(i));
                assertThat(envelope.priority()).isEqualTo(batch.get(i).type().defaultPriority());
                assertThat(envelope.publishNanos()).isEqualTo(got.get(0).publishNanos()).isBetween(before, after);
            }
            // Within a lane, batch order: the three ticks in the HIGH lane arrive 1, 2, 4.
            assertThat(got.stream().filter(e -> e.priority() == Priority.HIGH).map(e -> e.event().timestamp()))
                    .containsExactly(SampleEvents.tick(1).timestamp(), SampleEvents.tick(2).timestamp(),
                            SampleEvents.tick(4).timestamp());
            assertThat(bus.publishBatch(List.of())).isZero();
            assertThat(bus.publishBatch(List.of(SampleEvents.health("h", 9)), Priority.CRITICAL)).isEqualTo(1);
            Await.until("the overridden one", () -> got.size() == 5);
            assertThat(got.get(4).priority()).isEqualTo(Priority.CRITICAL);
        }
    }

    @Test
    void anExclusivePublisherOfAnOriginMarksEveryEnvelopeItMakesAndOnlyThose() {
        try (EventBus bus = EventBus.builder().name("origins").build()) {
            List<Envelope<Event>> got = new CopyOnWriteArrayList<>();
            bus.subscribeAll(got::add);
            ExclusivePublisher remote = bus.exclusivePublisher("bridge-in", 7);
            ExclusivePublisher local = bus.exclusivePublisher("feed");
            assertThat(remote.origin()).isEqualTo(7);
            assertThat(local.origin()).isEqualTo(Envelope.LOCAL_ORIGIN);

            remote.publish(SampleEvents.tick(1));
            remote.publishBatch(List.of(SampleEvents.tick(2), SampleEvents.health("h", 3)));
            local.publish(SampleEvents.tick(4));
            bus.publish(SampleEvents.tick(5));
            bus.publishBatch(List.of(SampleEvents.tick(6)));
            Await.until("six events", () -> got.size() == 6);

            Map<Long, Integer> originByTimestamp = new HashMap<>();
            got.forEach(e -> originByTimestamp.put(e.event().timestamp(), e.origin()));
            assertThat(originByTimestamp).containsOnly(
                    Map.entry(SampleEvents.tick(1).timestamp(), 7), Map.entry(SampleEvents.tick(2).timestamp(), 7),
                    Map.entry(SampleEvents.health("h", 3).timestamp(), 7),
                    Map.entry(SampleEvents.tick(4).timestamp(), 0), Map.entry(SampleEvents.tick(5).timestamp(), 0),
                    Map.entry(SampleEvents.tick(6).timestamp(), 0));
            assertThat(got.stream().filter(Envelope::isLocal)).hasSize(3);
        }
    }

    @Test
    void anOriginMustBePositive() {
        try (EventBus bus = EventBus.builder().name("bad-origin").build()) {
            assertThatThrownBy(() -> bus.exclusivePublisher("in", 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bus 'bad-origin': exclusive publisher 'in' must have a positive origin"
                            + " (0 is the bus's own), but was 0");
            assertThatThrownBy(() -> bus.exclusivePublisher("in", -3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("but was -3");
        }
    }

    @Test
    void aBatchWithANullElementIsRefusedWholeNamingTheIndex() {
        Outcomes observer = new Outcomes();
        try (EventBus bus = EventBus.builder().name("null-batch").observer(observer).build()) {
            List<Event> withNull = Arrays.asList(SampleEvents.tick(1), null, SampleEvents.tick(3));
            assertThatThrownBy(() -> bus.publishBatch(withNull)).isInstanceOf(NullPointerException.class)
                    .hasMessage("bus 'null-batch': events[1] must not be null; nothing of the batch was published");
            assertThatThrownBy(() -> bus.publishBatch(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("bus 'null-batch': events must not be null");
            assertThatThrownBy(() -> bus.publishBatch(List.of(SampleEvents.tick(1)), null))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("priority must not be null");
            assertThat(observer.published.get()).isZero();
        }
    }

    @Test
    void aFullLaneMidBatchIsHandledPerEventByItsPolicy() {
        Outcomes observer = new Outcomes();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        try (EventBus bus = EventBus.builder().name("full-batch").observer(observer)
                .laneCapacity(Priority.HIGH, 4).backpressure(Priority.HIGH, BackpressurePolicy.DROP_NEWEST)
                .laneCapacity(Priority.LOW, 4).backpressure(Priority.LOW, BackpressurePolicy.FAIL_FAST).build()) {
            bus.subscribe(MarketDataEvent.class, e -> {
                held.countDown();
                Await.latch("release", release);
            });
            bus.publish(SampleEvents.tick(0));
            Await.latch("the dispatch thread held", held);

            // DROP_NEWEST: four fit, the other six are dropped and counted, the call returns 4.
            List<MarketDataEvent> ticks = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                ticks.add(SampleEvents.tick(i));
            }
            assertThat(bus.publishBatch(ticks)).isEqualTo(4);
            assertThat(observer.laneFull.get()).isEqualTo(6);

            // FAIL_FAST: the exception says how many of the batch were accepted before the refusal.
            List<HealthEvent> health = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                health.add(SampleEvents.health("h", i));
            }
            assertThatThrownBy(() -> bus.publishBatch(health, Priority.LOW))
                    .isInstanceOfSatisfying(BackpressureException.class, e -> {
                        assertThat(e.accepted()).isEqualTo(4);
                        assertThat(e.refusal()).isEqualTo(BackpressureException.Cause.LANE_FULL);
                        assertThat(e).hasMessageContaining("4 of the batch's 6 events were accepted before it");
                    });
            // Every announced event ended in one outcome: 11 + 6 published, 6 + 2 dropped.
            assertThat(observer.published.get()).isEqualTo(17);
            assertThat(observer.laneFull.get()).isEqualTo(8);
            release.countDown();
        }
    }

    @Test
    void aBusBuiltWithoutStampingCarriesNotStampedAndReadsNoClock() {
        List<Long> dispatchTimes = new CopyOnWriteArrayList<>();
        BusObserver clock = new BusObserver() {
            @Override
            public void onDispatched(Envelope<?> envelope, long dispatchNanos) {
                dispatchTimes.add(dispatchNanos);
            }
        };
        try (EventBus bus = EventBus.builder().name("unstamped").stampPublishTime(false).observer(clock).build()) {
            assertThat(bus.config().stampPublishTime()).isFalse();
            EventStream<MarketDataEvent> stream = bus.stream(MarketDataEvent.class);
            bus.publish(SampleEvents.tick(1));
            bus.exclusivePublisher("feed").publish(SampleEvents.tick(2));
            bus.publishBatch(List.of(SampleEvents.tick(3)));
            for (int i = 0; i < 3; i++) {
                Envelope<MarketDataEvent> envelope = poll(stream);
                assertThat(envelope.publishNanos()).isEqualTo(Envelope.NOT_STAMPED);
                assertThat(envelope.isStamped()).isFalse();
            }
            Await.until("three dispatches", () -> dispatchTimes.size() == 3);
            assertThat(dispatchTimes).containsOnly(Envelope.NOT_STAMPED);
        }
        try (EventBus bus = EventBus.create()) {
            EventStream<MarketDataEvent> stream = bus.stream(MarketDataEvent.class);
            long before = System.nanoTime();
            bus.publish(SampleEvents.tick(1));
            assertThat(poll(stream).publishNanos()).isBetween(before, System.nanoTime());
        }
    }

    @Test
    void exclusivePublishersAndBatchesRacingCloseAreAcceptedAndDeliveredOrRefusedExactly() throws Exception {
        for (int round = 0; round < 30; round++) {
            Outcomes observer = new Outcomes();
            EventBus bus = EventBus.builder().name("race-" + round).observer(observer)
                    .backpressure(BackpressurePolicy.BLOCK).waitStrategy(WaitStrategy.YIELDING).build();
            AtomicInteger delivered = new AtomicInteger();
            Subscription counting = bus.subscribe(MarketDataEvent.class, e -> delivered.incrementAndGet());
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger refusedAfterAnnouncing = new AtomicInteger();
            List<Throwable> unexpected = new CopyOnWriteArrayList<>();
            CountDownLatch started = new CountDownLatch(2);
            Thread exclusive = new Thread(() -> {
                ExclusivePublisher handle = bus.exclusivePublisher("x");
                started.countDown();
                try {
                    for (int i = 0; ; i++) {
                        handle.publish(SampleEvents.tick(i));
                        accepted.incrementAndGet();
                    }
                } catch (BusClosedException closed) {
                    // Expected: the loop ends at the close.
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            });
            Thread batches = new Thread(() -> {
                List<MarketDataEvent> batch = List.of(SampleEvents.tick(1), SampleEvents.tick(2), SampleEvents.tick(3));
                started.countDown();
                try {
                    while (true) {
                        accepted.addAndGet(bus.publishBatch(batch));
                    }
                } catch (BusClosedException closed) {
                    accepted.addAndGet(closed.accepted());
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            });
            exclusive.start();
            batches.start();
            Await.latch("both publishers", started);
            assertThat(bus.close(Duration.ofSeconds(20))).isTrue();
            Await.join(exclusive, batches);
            refusedAfterAnnouncing.set(observer.busClosed.get());

            assertThat(unexpected).isEmpty();
            assertThat(counting.isActive()).isFalse();
            // Everything a publish reported accepted was delivered; everything else announced was dropped.
            assertThat(delivered.get()).as("round %d", round).isEqualTo(accepted.get());
            assertThat(observer.published.get()).as("round %d", round)
                    .isEqualTo(accepted.get() + refusedAfterAnnouncing.get());
            assertThat(observer.laneFull.get()).isZero();
        }
    }

    private static <E extends Event> Envelope<E> poll(EventStream<E> stream) {
        try {
            Envelope<E> envelope = stream.poll(Await.DEADLINE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (envelope == null) {
                throw new AssertionError("no envelope within " + Await.DEADLINE);
            }
            return envelope;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Counts what the bus reports, from any thread. */
    static final class Outcomes implements BusObserver {

        final AtomicInteger published = new AtomicInteger();
        final AtomicInteger laneFull = new AtomicInteger();
        final AtomicInteger busClosed = new AtomicInteger();

        @Override
        public void onPublished(Envelope<?> envelope) {
            published.incrementAndGet();
        }

        @Override
        public void onDropped(Envelope<?> envelope, Subscription subscription, DropReason reason) {
            if (reason == DropReason.LANE_FULL) {
                laneFull.incrementAndGet();
            } else if (reason == DropReason.BUS_CLOSED) {
                busClosed.incrementAndGet();
            }
        }
    }
}
