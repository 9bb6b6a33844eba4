package io.hftbus.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.testing.SampleEvents;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.reactivestreams.FlowAdapters;
import reactor.core.publisher.Flux;

/**
 * The virtual-thread code of {@code docs/flow.md} (Java 21 and newer): each tagged region is shown
 * there as written, and the test proves that it sees every event.
 */
class VirtualThreadGuideTest {

    @Test
    void aVirtualThreadReadsAStreamAsTheOriginalAwaitsItsReceiver() throws Exception {
        EventBus bus = EventBus.builder().name("guide").backpressure(BackpressurePolicy.BLOCK).build();
        try {
            List<MarketDataEvent> features = new CopyOnWriteArrayList<>();

            // tag::recv-loop[]
            EventStream<MarketDataEvent> rx = bus.stream(MarketDataEvent.class, 4_096);
            Thread featurePipeline = Thread.ofVirtual().name("feature-pipeline").start(() -> {
                try {
                    Envelope<MarketDataEvent> envelope;
                    while ((envelope = rx.take()) != null) {    // rx.recv().await: parks, frees the carrier
                        features.add(envelope.event());         // process market data, compute features
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // end::recv-loop[]

            for (long i = 0; i < 100; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            bus.close();
            assertThat(featurePipeline.join(java.time.Duration.ofSeconds(20))).isTrue();
            assertThat(features).hasSize(100);
        } finally {
            bus.close();
        }
    }

    @Test
    void flowSubscriptionsSignalledOnVirtualThreads() throws Exception {
        EventBus bus = EventBus.builder().name("guide").backpressure(BackpressurePolicy.BLOCK).build();
        try {
            // tag::virtual-flow[]
            ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
            EventFlow<MarketDataEvent> ticks = EventFlow.builder(bus, MarketDataEvent.class)
                    .executor(virtualThreads)       // each subscription's signals on a virtual thread of its own
                    .build();
            // end::virtual-flow[]
            CompletableFuture<Long> count = Flux.from(FlowAdapters.toPublisher(ticks)).limitRate(64).count().toFuture();
            for (long i = 0; i < 100; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            bus.close();
            assertThat(count.get(20, TimeUnit.SECONDS)).isEqualTo(100);
            virtualThreads.close();
        } finally {
            bus.close();
        }
    }
}
