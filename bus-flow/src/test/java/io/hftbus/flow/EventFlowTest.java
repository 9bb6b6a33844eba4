package io.hftbus.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventFlowTest {

    private EventBus bus;

    @BeforeEach
    void openBus() {
        bus = EventBus.builder().name("flow-test").backpressure(BackpressurePolicy.BLOCK).build();
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    private void publish(long from, long to) {
        for (long i = from; i < to; i++) {
            bus.publish(SampleEvents.tick(i));
        }
    }

    private static List<Long> timestamps(RecordingSubscriber<MarketDataEvent> subscriber) {
        return subscriber.received.stream().map(e -> e.event().timestamp()).collect(Collectors.toList());
    }

    private static List<Long> ticks(long from, long to) {
        return LongStream.range(from, to).mapToObj(i -> SampleEvents.tick(i).timestamp()).collect(Collectors.toList());
    }

    private boolean subscribed(String name) {
        return bus.subscriptions().stream().map(Subscription::name).anyMatch(name::equals);
    }

    @Test
    void nothingIsSignalledBeyondWhatWasRequested() {
        EventFlow<MarketDataEvent> flow = EventFlow.of(bus, MarketDataEvent.class);
        RecordingSubscriber<MarketDataEvent> subscriber = new RecordingSubscriber<>(3);
        flow.subscribe(subscriber);
        publish(0, 10);

        Await.until("three envelopes", () -> subscriber.received.size() == 3);
        // The loop holds the fourth while it waits for demand; the other six stay in the buffer.
        Await.until("the rest to wait in the buffer", () -> subscriber.subscription().buffered() == 6);
        assertThat(subscriber.received).hasSize(3);

        subscriber.request(7);
        Await.until("all ten", () -> subscriber.received.size() == 10);
        assertThat(timestamps(subscriber)).isEqualTo(ticks(0, 10));
        assertThat(subscriber.violations).isEmpty();
    }

    @Test
    void aSubscriberThatRequestsTooSlowlyIsToldItLaggedAndTheOthersAreNotSlowed() {
        EventFlow<MarketDataEvent> flow = EventFlow.builder(bus, MarketDataEvent.class).bufferSize(4).build();
        RecordingSubscriber<MarketDataEvent> slow = new RecordingSubscriber<>(1);
        flow.subscribe(slow);
        Await.latch("onSubscribe", slow.subscribed);
        EventStream<MarketDataEvent> other = bus.stream(MarketDataEvent.class, 64);
        publish(0, 1);
        Await.until("the one requested", () -> slow.received.size() == 1);
        publish(1, 20);

        Await.until("the other stream to receive all 20", () -> other.size() == 20);
        // Of the nineteen unrequested, one may be held by the loop while it waits for demand, and four
        // are in the buffer: 14 or 15 dropped.
        Await.until("the slow subscriber's drops", () -> slow.subscription().lagged() >= 14);
        assertThat(slow.received).hasSize(1);
        assertThat(slow.error.get()).isNull();

        // The overflow is signalled in place of the next onNext, when demand comes.
        slow.request(100);
        Await.latch("onError", slow.terminated);
        assertThat(slow.error.get()).isInstanceOf(LaggedException.class)
                .hasMessageContaining("flow subscription 'flow-market_data#1' lagged")
                .hasMessageContaining("its buffer of 4 was full");
        LaggedException lagged = (LaggedException) slow.error.get();
        assertThat(lagged.dropped()).isEqualTo(slow.subscription().lagged()).isBetween(14L, 15L);
        assertThat(lagged.subscription()).isEqualTo("flow-market_data#1");
        assertThat(slow.received).hasSize(1);
        Await.until("the lagging subscription's stream to be unsubscribed", () -> !subscribed("flow-market_data#1"));
        assertThat(slow.violations).isEmpty();
    }

    @Test
    void withCountTheDropsAreCountedAndTheSubscriberGoesOn() {
        EventFlow<MarketDataEvent> flow = EventFlow.builder(bus, MarketDataEvent.class)
                .bufferSize(4).overflow(FlowOverflow.COUNT).build();
        RecordingSubscriber<MarketDataEvent> subscriber = new RecordingSubscriber<>(0);
        flow.subscribe(subscriber);
        Await.latch("onSubscribe", subscriber.subscribed);
        publish(0, 20);
        // One held by the loop while it waits for demand, four in the buffer, fifteen dropped.
        Await.until("the drops", () -> subscriber.subscription().lagged() + subscriber.subscription().buffered() >= 19);

        subscriber.request(Long.MAX_VALUE);
        Await.until("what found room", () -> subscriber.received.size() + subscriber.subscription().lagged() == 20);
        for (long i = 20; i < 25; i++) {
            int before = subscriber.received.size();
            publish(i, i + 1);
            Await.until("the envelope published after the drops", () -> subscriber.received.size() == before + 1);
        }
        assertThat(timestamps(subscriber)).endsWith(ticks(20, 25).toArray(new Long[0]));
        assertThat(subscriber.received.size() + subscriber.subscription().lagged()).isEqualTo(25);

        bus.close();
        Await.latch("onComplete", subscriber.terminated);
        assertThat(subscriber.completed).isTrue();
        assertThat(subscriber.error.get()).isNull();
        assertThat(subscriber.violations).isEmpty();
    }

    @Test
    void cancelUnsubscribesTheStreamAndEndsTheSignalling() {
        EventFlow<MarketDataEvent> flow = EventFlow.of(bus, MarketDataEvent.class);
        RecordingSubscriber<MarketDataEvent> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
        flow.subscribe(subscriber);
        assertThat(subscribed("flow-market_data#1")).as("the stream is open once subscribe returns").isTrue();
        publish(0, 5);
        Await.until("five", () -> subscriber.received.size() == 5);

        subscriber.subscription().cancel();
        subscriber.subscription().cancel();
        assertThat(subscribed("flow-market_data#1")).isFalse();
        Await.until("the signalling thread to end", () -> flow.subscriptions().isEmpty());
        assertThat(subscriber.subscription().isActive()).isFalse();

        publish(5, 10);
        bus.close();
        assertThat(subscriber.received).hasSize(5);
        assertThat(subscriber.terminated.getCount()).as("a cancelled subscription is not completed").isEqualTo(1);
        assertThat(subscriber.violations).isEmpty();
    }

    @Test
    void closingTheBusDeliversWhatItAcceptedThenCompletes() {
        EventFlow<MarketDataEvent> flow = EventFlow.builder(bus, MarketDataEvent.class).bufferSize(64).build();
        RecordingSubscriber<MarketDataEvent> first = new RecordingSubscriber<>(0);
        RecordingSubscriber<MarketDataEvent> second = new RecordingSubscriber<>(10);
        flow.subscribe(first);
        flow.subscribe(second);
        publish(0, 50);
        bus.close();

        assertThat(first.terminated.getCount()).as("no demand: the accepted envelopes wait, and so does onComplete")
                .isEqualTo(1);
        first.request(Long.MAX_VALUE);
        Await.latch("the first's onComplete", first.terminated);
        assertThat(timestamps(first)).isEqualTo(ticks(0, 50));
        assertThat(first.completed).isTrue();

        Await.until("the second's ten", () -> second.received.size() == 10);
        second.request(40);
        Await.latch("the second's onComplete", second.terminated);
        assertThat(timestamps(second)).isEqualTo(ticks(0, 50));
        assertThat(first.violations).isEmpty();
        assertThat(second.violations).isEmpty();
    }

    @Test
    void aThrowingSubscriberIsCancelledAndTheOthersGoOn() {
        EventFlow<MarketDataEvent> flow = EventFlow.of(bus, MarketDataEvent.class);
        RecordingSubscriber<MarketDataEvent> throwing = new RecordingSubscriber<>(Long.MAX_VALUE) {
            @Override
            void onNextHook(Envelope<MarketDataEvent> envelope) {
                if (received.size() == 2) {
                    throw new IllegalStateException("injected failure in onNext");
                }
            }
        };
        RecordingSubscriber<MarketDataEvent> healthy = new RecordingSubscriber<>(Long.MAX_VALUE);
        flow.subscribe(throwing);
        flow.subscribe(healthy);
        publish(0, 10);

        Await.until("the healthy subscriber's ten", () -> healthy.received.size() == 10);
        Await.until("the throwing subscriber's stream to be unsubscribed", () -> !subscribed("flow-market_data#1"));
        assertThat(throwing.subscription().isActive()).isFalse();
        bus.close();
        Await.latch("the healthy one's onComplete", healthy.terminated);
        assertThat(throwing.received).hasSize(2);
        assertThat(throwing.terminated.getCount()).as("a subscriber that threw is signalled nothing more").isEqualTo(1);
        assertThat(healthy.violations).isEmpty();
    }

    @Test
    void aSubscriberThatThrowsFromOnSubscribeIsCancelled() {
        EventFlow<MarketDataEvent> flow = EventFlow.of(bus, MarketDataEvent.class);
        RecordingSubscriber<MarketDataEvent> throwing = new RecordingSubscriber<>(1) {
            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                super.onSubscribe(subscription);
                throw new IllegalStateException("injected failure in onSubscribe");
            }
        };
        flow.subscribe(throwing);
        Await.until("the stream to be unsubscribed", () -> !subscribed("flow-market_data#1"));
        publish(0, 3);
        Await.until("the signalling thread to end", () -> flow.subscriptions().isEmpty());
        assertThat(throwing.received).isEmpty();
    }

    @Test
    void signalsComeOneAtATimeFromOneThreadWhileOtherThreadsRequest() {
        EventFlow<MarketDataEvent> flow = EventFlow.builder(bus, MarketDataEvent.class).bufferSize(4096).build();
        RecordingSubscriber<MarketDataEvent> subscriber = new RecordingSubscriber<>(0);
        flow.subscribe(subscriber);
        Await.latch("onSubscribe", subscriber.subscribed);
        int total = 3000;
        Thread[] requesters = new Thread[3];
        for (int t = 0; t < requesters.length; t++) {
            requesters[t] = new Thread(() -> {
                for (int i = 0; i < total / requesters.length; i++) {
                    subscriber.request(1);
                }
            }, "requester-" + t);
            requesters[t].start();
        }
        publish(0, total);
        Await.join(requesters);
        Await.until("all of them", () -> subscriber.received.size() == total);
        bus.close();
        Await.latch("onComplete", subscriber.terminated);

        assertThat(subscriber.violations).isEmpty();
        assertThat(subscriber.signallingThreads).hasSize(1);
        assertThat(subscriber.signallingThreads.iterator().next().getName())
                .isEqualTo("hftbus-flow-test-flow-flow-market_data#1");
        assertThat(timestamps(subscriber)).isEqualTo(ticks(0, total));
    }

    @Test
    void aRequestFromInsideOnNextDoesNotRecurse() {
        EventFlow<MarketDataEvent> flow = EventFlow.of(bus, MarketDataEvent.class);
        AtomicInteger depth = new AtomicInteger();
        AtomicInteger deepest = new AtomicInteger();
        RecordingSubscriber<MarketDataEvent> subscriber = new RecordingSubscriber<>(1) {
            @Override
            void onNextHook(Envelope<MarketDataEvent> envelope) {
                deepest.accumulateAndGet(depth.incrementAndGet(), Math::max);
                request(1);
                depth.decrementAndGet();
            }
        };
        flow.subscribe(subscriber);
        publish(0, 100);
        Await.until("a hundred", () -> subscriber.received.size() == 100);
        assertThat(deepest.get()).isEqualTo(1);
        assertThat(subscriber.violations).isEmpty();
    }

    @Test
    void aNonPositiveRequestEndsTheSubscriptionWithIllegalArgument() {
        EventFlow<MarketDataEvent> flow = EventFlow.of(bus, MarketDataEvent.class);
        RecordingSubscriber<MarketDataEvent> subscriber = new RecordingSubscriber<>(0);
        flow.subscribe(subscriber);
        Await.latch("onSubscribe", subscriber.subscribed);
        subscriber.subscription().request(0);
        Await.latch("onError", subscriber.terminated);
        assertThat(subscriber.error.get()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("request(0) is a non-positive subscription request")
                .hasMessageContaining("rule 3.9");
        assertThat(subscribed("flow-market_data#1")).isFalse();
    }

    @Test
    void demandAddsUpAndSaturatesAtLongMaxValue() {
        EventFlow<MarketDataEvent> flow = EventFlow.of(bus, MarketDataEvent.class);
        RecordingSubscriber<MarketDataEvent> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE - 1) {
            @Override
            void onNextHook(Envelope<MarketDataEvent> envelope) {
                request(Long.MAX_VALUE - 1);
            }
        };
        flow.subscribe(subscriber);
        publish(0, 50);
        bus.close();
        Await.latch("onComplete", subscriber.terminated);
        assertThat(subscriber.completed).isTrue();
        assertThat(subscriber.received).hasSize(50);
    }

    @Test
    void aClosedBusAnswersASubscribeWithOnSubscribeThenOnError() {
        bus.close();
        EventFlow<MarketDataEvent> flow = EventFlow.of(bus, MarketDataEvent.class);
        RecordingSubscriber<MarketDataEvent> subscriber = new RecordingSubscriber<>(1);
        flow.subscribe(subscriber);
        assertThat(subscriber.subscribed.getCount()).isZero();
        assertThat(subscriber.error.get()).isInstanceOf(io.hftbus.api.BusClosedException.class)
                .hasMessageContaining("bus 'flow-test' is closed");
        assertThat(subscriber.violations).isEmpty();
    }

    @Test
    void subscriptionsRunOnTheGivenExecutorAndARefusedTaskIsAnError() {
        ExecutorService executor = Executors.newCachedThreadPool(task -> new Thread(task, "given-executor"));
        EventFlow<MarketDataEvent> flow = EventFlow.builder(bus, MarketDataEvent.class).executor(executor).build();
        RecordingSubscriber<MarketDataEvent> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
        flow.subscribe(subscriber);
        publish(0, 3);
        Await.until("three", () -> subscriber.received.size() == 3);
        assertThat(subscriber.signallingThreads).extracting(Thread::getName).containsExactly("given-executor");

        // Interrupting the signalling thread ends its subscription with an error, not a completion.
        executor.shutdownNow();
        Await.latch("onError", subscriber.terminated);
        assertThat(subscriber.error.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("its signalling thread was interrupted");
        assertThat(subscribed("flow-market_data#1")).isFalse();

        RecordingSubscriber<MarketDataEvent> refused = new RecordingSubscriber<>(1);
        flow.subscribe(refused);
        assertThat(refused.error.get()).isInstanceOf(RejectedExecutionException.class);
        assertThat(subscribed("flow-market_data#2")).as("a refused subscriber leaves no stream behind").isFalse();
        assertThat(refused.violations).isEmpty();
    }

    @Test
    void theBuilderNamesWhatIsWrong() {
        assertThatThrownBy(() -> EventFlow.builder(bus, MarketDataEvent.class).bufferSize(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EventFlow.bufferSize must be within [2, 1073741824] but was 1");
        assertThatThrownBy(() -> EventFlow.builder(bus, MarketDataEvent.class).name(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EventFlow.name must not be null or blank but was ' '");
        assertThatThrownBy(() -> EventFlow.of(null, MarketDataEvent.class))
                .isInstanceOf(NullPointerException.class).hasMessage("EventFlow.bus must not be null");
        assertThatThrownBy(() -> EventFlow.of(bus, MarketDataEvent.class).subscribe(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("rule 1.9");
    }

    @Test
    void aSubscriberThatRequestsInBatchesReceivesEveryEvent() {
        EventFlow<MarketDataEvent> flow = EventFlow.builder(bus, MarketDataEvent.class).bufferSize(1 << 15).build();
        RecordingSubscriber<MarketDataEvent> subscriber = new RecordingSubscriber<>(256) {
            private int sinceRequest;

            @Override
            void onNextHook(Envelope<MarketDataEvent> envelope) {
                if (++sinceRequest == 192) {
                    sinceRequest = 0;
                    request(192);
                }
            }
        };
        flow.subscribe(subscriber);
        publish(0, 20_000);
        bus.close();
        Await.latch("onComplete", subscriber.terminated);
        assertThat(subscriber.completed).isTrue();
        assertThat(subscriber.received).hasSize(20_000);
        assertThat(subscriber.violations).isEmpty();
    }
}
