package io.hftbus.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reactivestreams.FlowAdapters;
import reactor.core.publisher.Flux;

/**
 * The code of {@code docs/flow.md}: each tagged region is shown there as written
 * ({@code DocSnippetsTest} checks it), and the test proves that the four ways in see the same
 * events.
 */
class FlowGuideTest {

    @Test
    void aHandlerAStreamAFlowAndAFluxEachSeeEveryEvent() throws Exception {
        EventBus bus = EventBus.builder().name("guide").backpressure(BackpressurePolicy.BLOCK).build();
        try {
            AtomicReference<MarketDataEvent> lastQuote = new AtomicReference<>();
            AtomicLong streamed = new AtomicLong();
            List<MarketDataEvent> flowed = new CopyOnWriteArrayList<>();
            CountDownLatch flowDone = new CountDownLatch(1);

            // tag::handler[]
            // Push: on the dispatch thread, for every tick; must return quickly
            Subscription quotes = bus.subscribe(MarketDataEvent.class, envelope -> lastQuote.set(envelope.event()));
            // end::handler[]

            // tag::stream[]
            // Pull: a bounded queue of its own, read on a thread of yours
            EventStream<MarketDataEvent> rx = bus.stream(MarketDataEvent.class, 4_096);
            Thread reader = new Thread(() -> {
                try {
                    for (Envelope<MarketDataEvent> tick; (tick = rx.take()) != null; ) {  // null at the end
                        streamed.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "tick-reader");
            reader.start();
            // end::stream[]

            // tag::flow[]
            // Reactive Streams: a Flow.Publisher, with demand and a bounded buffer per subscriber
            EventFlow<MarketDataEvent> ticks = EventFlow.builder(bus, MarketDataEvent.class)
                    .bufferSize(4_096)                 // default Flow.defaultBufferSize(), 256
                    .overflow(FlowOverflow.ERROR)      // the default: a LaggedException if it overflows
                    .build();
            ticks.subscribe(new Flow.Subscriber<>() {
                private Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    this.subscription = subscription;
                    subscription.request(64);
                }

                @Override
                public void onNext(Envelope<MarketDataEvent> tick) {
                    flowed.add(tick.event());
                    subscription.request(1);
                }

                @Override
                public void onError(Throwable failure) {
                    flowDone.countDown();   // a LaggedException, or the bus was closed before we came
                }

                @Override
                public void onComplete() {
                    flowDone.countDown();   // the bus closed, and we have had everything it accepted
                }
            });
            // end::flow[]

            // tag::reactor[]
            // Reactor (or RxJava, Pekko Streams, Mutiny): the same flow through the Reactive Streams adapter
            CompletableFuture<Long> esTicks = Flux.from(FlowAdapters.toPublisher(ticks))
                    .limitRate(256)
                    .map(Envelope::event)
                    .filter(tick -> tick.symbol().equals("ES"))
                    .count()
                    .toFuture();
            // end::reactor[]

            for (long i = 0; i < 1_000; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            bus.close();

            Await.join(reader);
            Await.latch("the flow's onComplete", flowDone);
            assertThat(lastQuote.get()).isEqualTo(SampleEvents.tick(999));
            assertThat(streamed.get()).isEqualTo(1_000);
            assertThat(flowed).hasSize(1_000);
            assertThat(esTicks.get(20, TimeUnit.SECONDS)).isEqualTo(1_000);
            assertThat(quotes.isActive()).isFalse();
        } finally {
            bus.close();
        }
    }
}
