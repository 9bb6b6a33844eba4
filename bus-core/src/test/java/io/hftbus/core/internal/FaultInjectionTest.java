package io.hftbus.core.internal;

import static io.hftbus.core.internal.BusFixtures.builder;
import static io.hftbus.core.internal.BusFixtures.bus;
import static io.hftbus.testing.SampleEvents.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.BackpressureException;
import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.BusObserver;
import io.hftbus.api.DispatchMode;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.Priority;
import io.hftbus.api.Subscription;
import io.hftbus.api.WaitStrategy;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.core.internal.BusFixtures.RecordingThreadFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults injected into handlers, observers, publishers and the close, each with the outcome the
 * API documents: the fault is isolated, counted, and the bus goes on; nothing accepted vanishes.
 */
@Timeout(30)
class FaultInjectionTest {

    private static final long AWAIT_SECONDS = 10;

    /** Throws any throwable, checked ones included, the way code of other JVM languages can. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable failure) throws T {
        throw (T) failure;
    }

    /** An exception whose description itself fails: logging it throws. */
    private static final class HostileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage of a hostile exception");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString of a hostile exception");
        }
    }

    private static List<Long> sequences(List<Envelope<MarketDataEvent>> envelopes) {
        return envelopes.stream().map(Envelope::sequence).toList();
    }

    private static void publishTicks(EventBus bus, int count) {
        for (int i = 0; i < count; i++) {
            bus.publish(tick(i));
        }
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        while (list.size() < size) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("expected " + size + " elements within " + AWAIT_SECONDS + " s but have "
                        + list.size());
            }
            Thread.sleep(1);
        }
    }

    @Test
    void handlerThrowingRuntimeExceptionsAndErrorsIsIsolatedReportedAndTheOthersStillReceiveEveryEvent()
            throws Exception {
        AccountingObserver observer = new AccountingObserver();
        try (CoreEventBus bus = bus(builder("throwing", observer).config())) {
            List<Throwable> thrown = List.of(new IllegalStateException("runtime"), new AssertionError("error"),
                    new StackOverflowError("stack"), new OutOfMemoryError("heap"), new IOException("checked"),
                    new HostileException());
            Subscription thrower = bus.subscribe("thrower", MarketDataEvent.class,
                    e -> sneakyThrow(thrown.get((int) (e.event().timestamp() % thrown.size()))));
            List<Envelope<MarketDataEvent>> good = new CopyOnWriteArrayList<>();
            Subscription healthy = bus.subscribe("healthy", MarketDataEvent.class, good::add);

            publishTicks(bus, 60);
            awaitSize(good, 60);

            assertThat(bus.close(Duration.ofSeconds(AWAIT_SECONDS))).isTrue();
            assertThat(sequences(good)).containsExactlyElementsOf(java.util.stream.LongStream.range(0, 60).boxed().toList());
            assertThat(observer.handlerFailures).hasSize(60);
            assertThat(observer.handlerFailures.stream().map(Object::getClass).distinct())
                    .containsExactlyInAnyOrderElementsOf(thrown.stream().map(Object::getClass).toList());
            // A failed call still counts as a delivery: the handler had the event.
            assertThat(observer.deliveredTo(thrower)).hasSize(60);
            assertThat(observer.deliveredTo(healthy)).hasSize(60);
        }
    }

    @Test
    void handlerWhoseExceptionCannotEvenBeDescribedDoesNotStopTheDispatchThread() throws Exception {
        AccountingObserver observer = new AccountingObserver();
        try (CoreEventBus bus = bus(builder("hostile-handler", observer).config())) {
            // Its first failure is the one logged in full, so logging it is certain to call toString.
            bus.subscribe("hostile", MarketDataEvent.class, e -> {
                throw new HostileException();
            });
            List<Long> got = new CopyOnWriteArrayList<>();
            bus.subscribe("healthy", MarketDataEvent.class, e -> got.add(e.sequence()));
            publishTicks(bus, 20);
            awaitSize(got, 20);
            assertThat(bus.close(Duration.ofSeconds(AWAIT_SECONDS))).isTrue();
            assertThat(observer.handlerFailures).hasSize(20).allMatch(HostileException.class::isInstance);
        }
    }

    @Test
    void observerThrowingFromEveryCallbackIsIsolatedAndTheBusAndOtherObserversGoOn() throws Exception {
        AccountingObserver after = new AccountingObserver();
        BusObserver hostile = new BusObserver() {
            private int calls;

            private void fail() {
                calls++;
                switch (calls % 4) {
                    case 0 -> throw new IllegalStateException("observer runtime failure");
                    case 1 -> throw new AssertionError("observer error");
                    case 2 -> FaultInjectionTest.<RuntimeException>sneakyThrow(new IOException("observer checked"));
                    default -> throw new HostileException();
                }
            }

            // onAttached is not among them: an observer that refuses to attach makes the bus refuse to
            // start (anObserverThatRefusesToAttachMakesBuildFailAndNothingIsInstalled).

            @Override
            public void onPublished(Envelope<?> envelope) {
                fail();
            }

            @Override
            public void onDispatched(Envelope<?> envelope, long dispatchNanos) {
                fail();
            }

            @Override
            public void onDelivered(Envelope<?> envelope, Subscription subscription, long deliveredNanos) {
                fail();
            }

            @Override
            public void onDropped(Envelope<?> envelope, Subscription subscription, DropReason reason) {
                fail();
            }

            @Override
            public void onHandlerFailed(Envelope<?> envelope, Subscription subscription, Throwable failure) {
                fail();
            }

            @Override
            public void onClosed(EventBus bus) {
                fail();
            }
        };
        try (CoreEventBus bus = bus(builder("hostile-observer", hostile, after).config())) {
            List<Envelope<MarketDataEvent>> got = new CopyOnWriteArrayList<>();
            bus.subscribe("receiver", MarketDataEvent.class, e -> {
                got.add(e);
                if (e.event().timestamp() % 7 == 0) {
                    throw new IllegalStateException("handler failure " + e.sequence());
                }
            });
            publishTicks(bus, 100);
            awaitSize(got, 100);
            assertThat(bus.close(Duration.ofSeconds(AWAIT_SECONDS))).isTrue();
            assertThat(got).hasSize(100);
            assertThat(after.attached).hasValue(1);
            assertThat(after.published).hasSize(100);
            assertThat(after.delivered.values().stream().mapToInt(q -> q.size()).sum()).isEqualTo(100);
            assertThat(after.handlerFailures).hasSize(15);
            assertThat(after.closedCalls).hasValue(1);
        }
    }

    @Test
    void slowHandlerOnALowLaneDoesNotDelayCriticalDeliveriesWithThreadPerLane() throws Exception {
        CountDownLatch slowEntered = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        try (CoreEventBus bus = bus(builder("slow-lane").dispatchMode(DispatchMode.THREAD_PER_LANE).config())) {
            bus.subscribe("slow", MarketDataEvent.class, e -> {
                if (e.priority() == Priority.LOW) {
                    slowEntered.countDown();
                    releaseSlow.await();
                }
            });
            List<Envelope<MarketDataEvent>> critical = new CopyOnWriteArrayList<>();
            bus.subscribe("critical", MarketDataEvent.class, e -> {
                if (e.priority() == Priority.CRITICAL) {
                    critical.add(e);
                }
            });
            bus.publish(tick(0), Priority.LOW);
            assertThat(slowEntered.await(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 10; i++) {
                bus.publish(tick(i), Priority.CRITICAL);
            }
            // The LOW lane's thread is stuck in the slow handler; the CRITICAL lane's is not.
            awaitSize(critical, 10);
            releaseSlow.countDown();
            assertThat(bus.close(Duration.ofSeconds(AWAIT_SECONDS))).isTrue();
        }
    }

    @Test
    void publisherOnAFullBlockLaneBehindAStuckHandlerTimesOutWithACountedDropAndTheRestIsDelivered()
            throws Exception {
        AccountingObserver observer = new AccountingObserver();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> got = new CopyOnWriteArrayList<>();
        try (CoreEventBus bus = bus(builder("block-timeout", observer).laneCapacity(Priority.CRITICAL, 2)
                .backpressure(Priority.CRITICAL, BackpressurePolicy.BLOCK).blockTimeout(Duration.ofMillis(50))
                .config())) {
            bus.subscribe("stuck", MarketDataEvent.class, e -> {
                entered.countDown();
                release.await();
                got.add(e.sequence());
            });
            bus.publish(tick(0), Priority.CRITICAL);
            assertThat(entered.await(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            bus.publish(tick(1), Priority.CRITICAL);
            bus.publish(tick(2), Priority.CRITICAL);

            assertThatThrownBy(() -> bus.publish(tick(3), Priority.CRITICAL))
                    .isInstanceOfSatisfying(BackpressureException.class, e -> {
                        assertThat(e.refusal()).isEqualTo(BackpressureException.Cause.TIMED_OUT);
                        assertThat(e.lane()).isEqualTo(Priority.CRITICAL);
                        assertThat(e.eventType()).isEqualTo(EventType.MARKET_DATA);
                        assertThat(e).hasMessageContaining("lane CRITICAL").hasMessageContaining("MARKET_DATA");
                    });
            assertThat(observer.laneFull).hasValue(1);
            assertThat(observer.droppedForAll).containsEntry(3L, DropReason.LANE_FULL);

            release.countDown();
            assertThat(bus.close(Duration.ofSeconds(AWAIT_SECONDS))).isTrue();
            assertThat(got).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void publisherInterruptedWhileBlockedOnAFullLaneGetsInterruptedBackpressureKeepsItsStatusAndIsCounted()
            throws Exception {
        AccountingObserver observer = new AccountingObserver();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> got = new CopyOnWriteArrayList<>();
        try (CoreEventBus bus = bus(builder("interrupted", observer).laneCapacity(Priority.CRITICAL, 2)
                .backpressure(Priority.CRITICAL, BackpressurePolicy.BLOCK).blockTimeout(Duration.ofSeconds(60))
                .config())) {
            bus.subscribe("stuck", MarketDataEvent.class, e -> {
                entered.countDown();
                release.await();
                got.add(e.sequence());
            });
            long first = bus.publish(tick(0), Priority.CRITICAL);
            assertThat(entered.await(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            long second = bus.publish(tick(1), Priority.CRITICAL);
            long third = bus.publish(tick(2), Priority.CRITICAL);

            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicReference<Boolean> interruptKept = new AtomicReference<>();
            Thread publisher = new Thread(() -> {
                try {
                    bus.publish(tick(3), Priority.CRITICAL);
                } catch (Throwable t) {
                    failure.set(t);
                    interruptKept.set(Thread.currentThread().isInterrupted());
                }
            }, "blocked-publisher");
            publisher.start();
            // Wait until it has announced its envelope and is waiting for room.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
            while (observer.published.size() < 4 || publisher.getState() == Thread.State.RUNNABLE
                    && System.nanoTime() - deadline < 0) {
                Thread.sleep(1);
            }
            long blocked = observer.published.keySet().stream().filter(s -> s != first && s != second && s != third)
                    .findFirst().orElseThrow();
            publisher.interrupt();
            publisher.join(TimeUnit.SECONDS.toMillis(AWAIT_SECONDS));

            assertThat(publisher.isAlive()).isFalse();
            assertThat(failure.get()).isInstanceOfSatisfying(BackpressureException.class,
                    e -> assertThat(e.refusal()).isEqualTo(BackpressureException.Cause.INTERRUPTED));
            assertThat(interruptKept.get()).isTrue();
            assertThat(observer.droppedForAll).containsEntry(blocked, DropReason.LANE_FULL);

            release.countDown();
            assertThat(bus.close(Duration.ofSeconds(AWAIT_SECONDS))).isTrue();
            assertThat(got).containsExactly(first, second, third);
        }
    }

    @Test
    void closeWhileAHandlerBlocksPastTheShutdownTimeoutReturnsFalseAndReportsEveryUndeliveredEventAsBusClosed()
            throws Exception {
        AccountingObserver observer = new AccountingObserver();
        RecordingThreadFactory threads = new RecordingThreadFactory("stuck-close");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CoreEventBus bus = bus(builder("stuck-close", observer).threadFactory(threads).config());
        Subscription stuck = bus.subscribe("stuck", MarketDataEvent.class, e -> {
            entered.countDown();
            release.await();
        });
        List<Long> second = new CopyOnWriteArrayList<>();
        Subscription after = bus.subscribe("after-the-stuck-one", MarketDataEvent.class, e -> second.add(e.sequence()));
        EventStream<MarketDataEvent> stream = bus.stream("stream", MarketDataEvent.class, 64);
        publishTicks(bus, 1);
        assertThat(entered.await(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        publishTicks(bus, 9);

        long started = System.nanoTime();
        assertThat(bus.close(Duration.ofMillis(100))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(AWAIT_SECONDS));
        assertThat(bus.isClosed()).isTrue();
        assertThat(observer.closed.await(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.isEndOfStream()).isTrue();
        assertThat(stuck.isActive()).isFalse();

        // The handler call that was running when close gave up finishes afterwards.
        release.countDown();
        assertThat(threads.allEndWithin(Duration.ofSeconds(AWAIT_SECONDS))).isTrue();

        assertThat(observer.busClosed.get()).isGreaterThanOrEqualTo(9);
        assertThat(second).isEmpty();
        for (Subscription subscription : List.of(stuck, after, stream)) {
            assertThat(observer.accountingProblems(subscription, Set.of(EventType.MARKET_DATA), sequence -> true))
                    .as("every accepted event ends once for %s", subscription.name()).isEmpty();
        }
        assertThat(observer.deliveredTo(stuck)).containsExactly(0L);
        assertThat(observer.dropReasonsFor.get(after)).containsOnly(DropReason.BUS_CLOSED);
    }

    @Test
    void closeCalledFromInsideAHandlerReturnsAtOnceAndTheDrainStillCompletes() throws Exception {
        AccountingObserver observer = new AccountingObserver();
        RecordingThreadFactory threads = new RecordingThreadFactory("self-close");
        CoreEventBus bus = bus(builder("self-close", observer).threadFactory(threads).config());
        AtomicReference<Boolean> closedFromHandler = new AtomicReference<>();
        List<Long> got = new CopyOnWriteArrayList<>();
        bus.subscribe("closer", MarketDataEvent.class, e -> {
            got.add(e.sequence());
            if (e.sequence() == 0) {
                closedFromHandler.set(bus.close(Duration.ofSeconds(AWAIT_SECONDS)));
            }
        });
        CountDownLatch holdPublishers = new CountDownLatch(1);
        bus.subscribe("gate", MarketDataEvent.class, e -> holdPublishers.await(AWAIT_SECONDS, TimeUnit.SECONDS));
        publishTicks(bus, 5);
        holdPublishers.countDown();
        assertThat(observer.closed.await(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(threads.allEndWithin(Duration.ofSeconds(AWAIT_SECONDS))).isTrue();
        assertThat(closedFromHandler.get()).isFalse();
        assertThat(got).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(bus.close(Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void handlerRepublishingIntoItsOwnFullBlockLaneTimesOutInsteadOfDeadlocking() throws Exception {
        AccountingObserver observer = new AccountingObserver();
        try (CoreEventBus bus = bus(builder("self-publish", observer).laneCapacity(Priority.CRITICAL, 2)
                .backpressure(Priority.CRITICAL, BackpressurePolicy.BLOCK).blockTimeout(Duration.ofMillis(20))
                .config())) {
            List<Long> got = new CopyOnWriteArrayList<>();
            bus.subscribe("echo", MarketDataEvent.class, e -> {
                got.add(e.event().timestamp());
                if (e.event().timestamp() == 0) {
                    for (int i = 0; i < 3; i++) {
                        bus.publish(tick(100 + i), Priority.CRITICAL);
                    }
                }
            });
            bus.publish(tick(0), Priority.CRITICAL);
            awaitSize(got, 3);
            assertThat(bus.close(Duration.ofSeconds(AWAIT_SECONDS))).isTrue();
            // The lane holds two: the third republish found it full with the handler's own thread the
            // only one that could empty it, and timed out.
            assertThat(got).containsExactly(0L, 100L, 101L);
            assertThat(observer.handlerFailures).singleElement().isInstanceOfSatisfying(BackpressureException.class,
                    e -> assertThat(e.refusal()).isEqualTo(BackpressureException.Cause.TIMED_OUT));
            assertThat(observer.droppedForAll).hasSize(1).containsValue(DropReason.LANE_FULL);
        }
    }

    @Test
    void streamTakerInterruptedWhileWaitingGetsInterruptedExceptionAndTheStreamStillWorks() throws Exception {
        try (CoreEventBus bus = bus(builder("interrupted-taker").config())) {
            EventStream<MarketDataEvent> stream = bus.stream(MarketDataEvent.class, 16);
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            Thread taker = new Thread(() -> {
                try {
                    outcome.set(new AssertionError("take returned " + stream.take()));
                } catch (InterruptedException e) {
                    outcome.set(e);
                }
                done.countDown();
            }, "taker");
            taker.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
            while (taker.getState() != Thread.State.WAITING && System.nanoTime() - deadline < 0) {
                Thread.sleep(1);
            }
            taker.interrupt();
            assertThat(done.await(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(outcome.get()).isInstanceOf(InterruptedException.class);

            bus.publish(tick(0));
            assertThat(stream.poll(AWAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void lowPriorityBackloggedBusyDispatchStillEndsWithinTheDeadlineUnderEveryWaitStrategy() throws Exception {
        for (WaitStrategy strategy : WaitStrategy.values()) {
            RecordingThreadFactory threads = new RecordingThreadFactory("strategy-" + strategy);
            CoreEventBus bus = bus(builder("strategy-" + strategy).waitStrategy(strategy)
                    .dispatchMode(DispatchMode.THREAD_PER_LANE).threadFactory(threads).config());
            List<Long> got = new CopyOnWriteArrayList<>();
            bus.subscribeAll("all", e -> got.add(e.sequence()));
            for (Priority priority : Priority.values()) {
                for (int i = 0; i < 10; i++) {
                    bus.publish(tick(i), priority);
                }
            }
            assertThat(bus.close(Duration.ofSeconds(AWAIT_SECONDS))).as("close with %s", strategy).isTrue();
            assertThat(got).as("delivered with %s", strategy).hasSize(40);
            assertThat(threads.allEndWithin(Duration.ofSeconds(1))).isTrue();
        }
    }
}
