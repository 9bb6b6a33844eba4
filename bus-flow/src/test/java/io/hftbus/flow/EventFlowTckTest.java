package io.hftbus.flow;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.testing.SampleEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterMethod;

/**
 * The Reactive Streams TCK's publisher rules, run against {@link EventFlow} on a live bus (TestNG,
 * through the JUnit Platform's TestNG engine).
 *
 * <p><b>A hot source under a TCK written for cold ones.</b> The TCK asks for "a publisher of exactly
 * {@code n} elements". A bus has no replay: a subscriber sees what is published after it
 * subscribed. So each publisher here is an {@link EventFlow} on a bus of its own whose {@code n}
 * events are published, and the bus closed (which completes every subscription), at the first
 * {@code request} any of its subscribers makes: the TCK subscribes all of a test's subscribers
 * before any of them requests, so every subscriber's stream is open by then and sees the same
 * {@code n} events. {@link PublishAtFirstRequest} is that trigger and nothing more: every signal
 * passes through it untouched, on the thread that made it, and the subscription it hands on
 * forwards every call.
 *
 * <p><b>Skipped, through the TCK's own settings.</b> {@link #maxElementsFromPublisher()} is the
 * buffer: the events are published at once, before the subscriber has asked for them, and a
 * subscription holds at most its buffer of unrequested events (beyond it the bus drops, by design).
 * That skips the one rule test that needs more, 3.17's "pending above {@code Long.MAX_VALUE}", which
 * asks for {@code Integer.MAX_VALUE} elements; {@code EventFlowTest} covers demand that saturates
 * at {@code Long.MAX_VALUE}. The TCK itself marks its untested rules skipped ("Not verified by this
 * TCK"), and an optional test that a publisher does not pass skipped as well; none of the optional
 * ones is expected to be skipped here.
 */
public class EventFlowTckTest extends FlowPublisherVerification<Envelope<MarketDataEvent>> {

    /** Each subscription's buffer, and so the most elements a TCK publisher here promises. */
    private static final int BUFFER = 1024;

    private final List<EventBus> buses = new CopyOnWriteArrayList<>();

    public EventFlowTckTest() {
        // 1 s for a signal that is expected (generous for a loaded two-core machine; the TCK waits all of
        // it where it expects an error, three times), 100 ms of
        // silence to conclude that none comes, and the TCK's 300 ms for the garbage-collection rule.
        super(new TestEnvironment(1000, 100), 300);
    }

    private EventBus newBus() {
        EventBus bus = EventBus.builder().name("tck").backpressure(BackpressurePolicy.BLOCK).build();
        buses.add(bus);
        return bus;
    }

    /** Closes the buses of the test that were never triggered (a test that requests nothing). */
    @AfterMethod
    public void closeBuses() {
        for (EventBus bus : buses) {
            bus.close();
        }
        buses.clear();
    }

    @Override
    public Flow.Publisher<Envelope<MarketDataEvent>> createFlowPublisher(long elements) {
        EventBus bus = newBus();
        EventFlow<MarketDataEvent> flow = EventFlow.builder(bus, MarketDataEvent.class).bufferSize(BUFFER).build();
        return new PublishAtFirstRequest(flow, bus, elements);
    }

    /** A flow on a closed bus: every subscriber gets {@code onSubscribe}, then {@code onError} (rule 1.9). */
    @Override
    public Flow.Publisher<Envelope<MarketDataEvent>> createFailedFlowPublisher() {
        EventBus bus = newBus();
        bus.close();
        return EventFlow.of(bus, MarketDataEvent.class);
    }

    @Override
    public long maxElementsFromPublisher() {
        return BUFFER;
    }

    /** The flow under test, whose bus publishes its elements at the first request; see the class comment. */
    private static final class PublishAtFirstRequest implements Flow.Publisher<Envelope<MarketDataEvent>> {

        private final EventFlow<MarketDataEvent> flow;
        private final EventBus bus;
        private final long elements;
        private final AtomicBoolean triggered = new AtomicBoolean();

        PublishAtFirstRequest(EventFlow<MarketDataEvent> flow, EventBus bus, long elements) {
            this.flow = flow;
            this.bus = bus;
            this.elements = elements;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super Envelope<MarketDataEvent>> subscriber) {
            flow.subscribe(subscriber == null ? null : new Watched(subscriber));
        }

        private void trigger() {
            if (triggered.compareAndSet(false, true)) {
                Thread source = new Thread(() -> {
                    for (long i = 0; i < elements; i++) {
                        bus.publish(SampleEvents.tick(i));
                    }
                    bus.close();
                }, "tck-source");
                source.setDaemon(true);
                source.start();
            }
        }

        @Override
        public String toString() {
            return flow + " publishing " + elements + " at the first request";
        }

        /** Passes every signal on as it comes; only the subscription is wrapped, to see the first request. */
        private final class Watched implements Flow.Subscriber<Envelope<MarketDataEvent>> {

            private final Flow.Subscriber<? super Envelope<MarketDataEvent>> subscriber;

            Watched(Flow.Subscriber<? super Envelope<MarketDataEvent>> subscriber) {
                this.subscriber = subscriber;
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        trigger();
                        subscription.request(n);
                    }

                    @Override
                    public void cancel() {
                        subscription.cancel();
                    }
                });
            }

            @Override
            public void onNext(Envelope<MarketDataEvent> item) {
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        }
    }
}
