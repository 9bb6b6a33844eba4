package io.hftbus.bench;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.WaitStrategy;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.flow.EventFlow;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * hftbus read through its {@code Flow.Publisher} view: the bus of {@link BusPipeline} (every lane
 * {@link BackpressurePolicy#BLOCK}, lanes of {@link Pipelines#CAPACITY}, one dispatch thread,
 * {@code EventBus.publish}), and one {@link EventFlow} subscriber with a buffer of
 * {@link Pipelines#CAPACITY}, signalled on the flow's own thread. The subscriber asks for
 * {@value #PREFETCH} and tops up by {@value #TOP_UP} each time it has received that many, which is
 * what Reactor's {@code limitRate(256)} asks of its source: a bounded demand, not an unbounded one.
 */
final class FlowPipeline implements Pipeline {

    /** The first request, and the most the subscriber ever has outstanding. */
    static final int PREFETCH = 256;
    /** Three quarters of {@link #PREFETCH}, Reactor's replenishing mark. */
    static final int TOP_UP = PREFETCH - PREFETCH / 4;

    private final EventBus bus;
    private final LimitRateSubscriber subscriber;

    FlowPipeline(Waiting waiting, Receiver receiver) {
        bus = EventBus.builder()
                .name("bench")
                .waitStrategy(waiting == Waiting.BUSY_SPIN ? WaitStrategy.BUSY_SPIN
                        : waiting == Waiting.YIELDING ? WaitStrategy.YIELDING : WaitStrategy.BACKOFF)
                .laneCapacity(Pipelines.CAPACITY)
                .backpressure(BackpressurePolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(30))
                .build();
        subscriber = new LimitRateSubscriber(receiver);
        EventFlow.builder(bus, MarketDataEvent.class).name("bench").bufferSize(Pipelines.CAPACITY).build()
                .subscribe(subscriber);
    }

    @Override
    public void publish(MarketDataEvent event) {
        bus.publish(event);
    }

    @Override
    public void close() {
        bus.close();
        try {
            if (!subscriber.terminated.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the flow subscriber did not complete within 5 s of the bus's close");
            }
            if (subscriber.failure != null) {
                throw new IllegalStateException("the flow subscriber failed", subscriber.failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands each event to the receiver, asking for more as Reactor's {@code limitRate} does. */
    private static final class LimitRateSubscriber implements Flow.Subscriber<Envelope<MarketDataEvent>> {

        private final Receiver receiver;
        private final CountDownLatch terminated = new CountDownLatch(1);
        private Flow.Subscription subscription;
        private int sinceRequest;
        /** Written before {@link #terminated} counts down, read after it. */
        private Throwable failure;

        LimitRateSubscriber(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(PREFETCH);
        }

        @Override
        public void onNext(Envelope<MarketDataEvent> envelope) {
            receiver.onEvent(envelope.event());
            if (++sinceRequest == TOP_UP) {
                sinceRequest = 0;
                subscription.request(TOP_UP);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            failure = throwable;
            terminated.countDown();
        }

        @Override
        public void onComplete() {
            terminated.countDown();
        }
    }
}
