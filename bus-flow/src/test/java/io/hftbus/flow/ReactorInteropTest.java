package io.hftbus.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.reactivestreams.FlowAdapters;
import reactor.core.publisher.Flux;

/** The bus consumed through Reactor, as a Reactor user would: {@code Flux.from} with {@code limitRate}. */
class ReactorInteropTest {

    private static final int EVENTS = 50_000;

    @Test
    void aFluxWithLimitRateSeesEveryEventAndAsksInItsOwnBatches() throws Exception {
        EventBus bus = EventBus.builder().name("reactor").backpressure(BackpressurePolicy.BLOCK).build();
        try {
            // A buffer that holds the whole run: the count is exact however the threads are scheduled.
            EventFlow<MarketDataEvent> ticks = EventFlow.builder(bus, MarketDataEvent.class)
                    .bufferSize(1 << 16).build();
            List<Long> requests = new CopyOnWriteArrayList<>();

            CompletableFuture<Long> volume = Flux.from(FlowAdapters.toPublisher(ticks))
                    .doOnRequest(requests::add)
                    .limitRate(256)
                    .map(Envelope::event)
                    .filter(tick -> tick.symbol().equals("ES"))
                    .count()
                    .toFuture();

            for (long i = 0; i < EVENTS; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            bus.close();

            assertThat(volume.get(20, TimeUnit.SECONDS)).isEqualTo(EVENTS);
            // limitRate(256) asks for 256, then tops up by 192 (three quarters) each time: never unbounded.
            assertThat(requests.get(0)).isEqualTo(256);
            assertThat(requests).allMatch(n -> n <= 256).hasSizeGreaterThan(EVENTS / 256);
            assertThat(requests.stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(EVENTS);
            Await.until("the subscription to end with the bus", () -> ticks.subscriptions().isEmpty());
        } finally {
            bus.close();
        }
    }

    @Test
    void cancellingTheFluxUnsubscribesFromTheBus() {
        try (EventBus bus = EventBus.builder().name("reactor").backpressure(BackpressurePolicy.BLOCK).build()) {
            EventFlow<MarketDataEvent> ticks = EventFlow.of(bus, MarketDataEvent.class);
            CompletableFuture<List<MarketDataEvent>> firstTen = Flux.from(FlowAdapters.toPublisher(ticks))
                    .map(Envelope::event)
                    .take(10)
                    .collectList()
                    .toFuture();
            assertThat(bus.subscriptions()).hasSize(1);
            for (long i = 0; i < 20; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            assertThat(firstTen.orTimeout(20, TimeUnit.SECONDS).join()).hasSize(10)
                    .first().isEqualTo(SampleEvents.tick(0));
            Await.until("take(10) to cancel the subscription", () -> bus.subscriptions().isEmpty());
            Await.until("the signalling thread to end", () -> ticks.subscriptions().isEmpty());
        }
    }

    @Test
    void aFluxOfAClosedBusFailsWithTheBusClosedException() {
        EventBus bus = EventBus.create();
        bus.close();
        Throwable failure = Flux.from(FlowAdapters.toPublisher(EventFlow.of(bus, MarketDataEvent.class)))
                .then().materialize().block(Duration.ofSeconds(20)).getThrowable();
        assertThat(failure).isInstanceOf(io.hftbus.api.BusClosedException.class);
    }
}
