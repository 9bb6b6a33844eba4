package io.hftbus.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.testing.SampleEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streams and flows on virtual threads, the Java form of the original's {@code rx.recv().await}: a
 * blocking take on a virtual thread parks the virtual thread and frees its carrier, as long as
 * nothing pins it there. Ten thousand virtual threads each read a stream of their own, and ten
 * thousand flow subscriptions are signalled on a virtual-thread executor; every event arrives, in
 * order, and JFR, recording {@code jdk.VirtualThreadPinned} with no threshold, reports no pinned
 * thread.
 *
 * <p>Compiled with release 21 and run on JDK 21 and newer only (the build's
 * {@code virtual-thread-tests} profile); the library itself is release 17.
 */
class VirtualThreadsTest {

    private static final int READERS = 10_000;
    private static final int EVENTS = 100;
    /** Each stream holds every event of the run: a reader that is scheduled late still loses none. */
    private static final int CAPACITY = 128;
    private static final long FIRST_TIMESTAMP = SampleEvents.tick(0).timestamp();

    private static EventBus newBus() {
        return EventBus.builder().name("virtual").backpressure(BackpressurePolicy.BLOCK).build();
    }

    /**
     * Loads and initialises every class on the measured paths on platform threads first. A virtual
     * thread that loads a class holds its carrier while it does (JFR reports a contended monitor
     * with "Freeze or preempt failed"): a one-time cost of the JVM's first use of a class, the
     * same for any code, not a pin of the stream's or the flow's wait, which is what these tests
     * look for.
     */
    @BeforeAll
    static void loadThePathsOnPlatformThreads() throws Exception {
        try (EventBus bus = newBus(); ExecutorService platform = Executors.newCachedThreadPool()) {
            EventStream<MarketDataEvent> taking = bus.stream("warm-take", MarketDataEvent.class, CAPACITY);
            EventStream<MarketDataEvent> polling = bus.stream("warm-poll", MarketDataEvent.class, CAPACITY);
            CountDownLatch terminated = new CountDownLatch(1);
            EventFlow.builder(bus, MarketDataEvent.class).bufferSize(CAPACITY).executor(platform).build()
                    .subscribe(new CountingSubscriber(terminated));
            Future<Integer> took = platform.submit(() -> takeUntilEnd(taking));
            Future<Integer> polled = platform.submit(() -> pollUntilEnd(polling));
            for (long n = 0; n < EVENTS; n++) {
                bus.publish(SampleEvents.tick(n));
            }
            assertThat(bus.close(Duration.ofSeconds(30))).as("the warm-up bus drained and closed").isTrue();
            assertThat(took.get(30, TimeUnit.SECONDS)).isEqualTo(EVENTS);
            assertThat(polled.get(30, TimeUnit.SECONDS)).isEqualTo(EVENTS);
            assertThat(terminated.await(30, TimeUnit.SECONDS)).as("the warm-up subscription terminated").isTrue();
        }
    }

    @Test
    void tenThousandVirtualThreadsTakeFromTheirOwnStreamsWithoutPinning() throws Exception {
        List<Future<Integer>> taken = new ArrayList<>(READERS);
        List<RecordedEvent> recorded;
        try (PinningRecorder recorder = new PinningRecorder("streams")) {
            try (EventBus bus = newBus(); ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < READERS; i++) {
                    EventStream<MarketDataEvent> stream = bus.stream("reader-" + i, MarketDataEvent.class, CAPACITY);
                    // Half of them wait in take(), half in the timed poll.
                    Callable<Integer> reader = i % 2 == 0 ? () -> takeUntilEnd(stream) : () -> pollUntilEnd(stream);
                    taken.add(readers.submit(reader));
                }
                for (long n = 0; n < EVENTS; n++) {
                    bus.publish(SampleEvents.tick(n));
                }
                assertThat(bus.close(Duration.ofSeconds(30))).as("the bus drained and closed").isTrue();
                for (int i = 0; i < READERS; i++) {
                    assertThat(taken.get(i).get(30, TimeUnit.SECONDS)).as("events reader %d took", i).isEqualTo(EVENTS);
                }
            }
            recorded = recorder.stop();
        }
        PinningRecorder.assertNoPinning(recorded, READERS);
    }

    /** The reader of a stream on a virtual thread: take until the end of the stream. */
    private static int takeUntilEnd(EventStream<MarketDataEvent> stream) throws InterruptedException {
        int count = 0;
        Envelope<MarketDataEvent> envelope;
        while ((envelope = stream.take()) != null) {
            checkOrder(envelope, count++);
        }
        return count;
    }

    /** The same with the timed poll, which returns null also when the wait runs out. */
    private static int pollUntilEnd(EventStream<MarketDataEvent> stream) throws InterruptedException {
        int count = 0;
        while (!stream.isEndOfStream()) {
            Envelope<MarketDataEvent> envelope = stream.poll(5, TimeUnit.MILLISECONDS);
            if (envelope != null) {
                checkOrder(envelope, count++);
            }
        }
        return count;
    }

    private static void checkOrder(Envelope<MarketDataEvent> envelope, int index) {
        long timestamp = envelope.event().timestamp();
        if (timestamp != FIRST_TIMESTAMP + index) {
            throw new AssertionError("event #" + index + " should be tick " + index + " but was tick "
                    + (timestamp - FIRST_TIMESTAMP));
        }
    }

    @Test
    void tenThousandFlowSubscriptionsAreSignalledOnVirtualThreadsWithoutPinning() throws Exception {
        List<CountingSubscriber> subscribers = new ArrayList<>(READERS);
        CountDownLatch terminated = new CountDownLatch(READERS);
        List<RecordedEvent> recorded;
        try (PinningRecorder recorder = new PinningRecorder("flows")) {
            try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor(); EventBus bus = newBus()) {
                EventFlow<MarketDataEvent> flow = EventFlow.builder(bus, MarketDataEvent.class)
                        .bufferSize(CAPACITY).executor(virtual).build();
                for (int i = 0; i < READERS; i++) {
                    CountingSubscriber subscriber = new CountingSubscriber(terminated);
                    subscribers.add(subscriber);
                    flow.subscribe(subscriber);
                }
                for (long n = 0; n < EVENTS; n++) {
                    bus.publish(SampleEvents.tick(n));
                }
                assertThat(bus.close(Duration.ofSeconds(30))).as("the bus drained and closed").isTrue();
                assertThat(terminated.await(30, TimeUnit.SECONDS)).as("every subscription terminated").isTrue();
            }
            recorded = recorder.stop();
        }
        for (int i = 0; i < READERS; i++) {
            CountingSubscriber subscriber = subscribers.get(i);
            assertThat(subscriber.error).as("subscriber %d's error", i).isNull();
            assertThat(subscriber.completed).as("subscriber %d completed", i).isTrue();
            assertThat(subscriber.count).as("events subscriber %d received", i).isEqualTo(EVENTS);
        }
        PinningRecorder.assertNoPinning(recorded, READERS);
    }

    /**
     * Requests 16 at a time, so that its signalling thread also waits for demand. Its fields are
     * written by the signalling thread and read after {@code terminated}, which orders them.
     */
    private static final class CountingSubscriber implements Flow.Subscriber<Envelope<MarketDataEvent>> {

        private static final int BATCH = 16;

        private final CountDownLatch terminated;
        private Flow.Subscription subscription;
        private int count;
        private int sinceRequest;
        private boolean completed;
        private Throwable error;

        CountingSubscriber(CountDownLatch terminated) {
            this.terminated = terminated;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(BATCH);
        }

        @Override
        public void onNext(Envelope<MarketDataEvent> envelope) {
            try {
                checkOrder(envelope, count++);
            } catch (AssertionError outOfOrder) {
                error = outOfOrder;
            }
            if (++sinceRequest == BATCH) {
                sinceRequest = 0;
                subscription.request(BATCH);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
            terminated.countDown();
        }

        @Override
        public void onComplete() {
            completed = true;
            terminated.countDown();
        }
    }
}
