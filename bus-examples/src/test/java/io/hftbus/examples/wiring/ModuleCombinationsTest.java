package io.hftbus.examples.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.Component;
import io.hftbus.api.BusObserver;
import io.hftbus.api.EventBus;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.OrderEvent;
import io.hftbus.api.event.OrderType;
import io.hftbus.api.event.Side;
import io.hftbus.api.event.TimeInForce;
import io.hftbus.api.recorder.EventRecorder;
import io.hftbus.api.stats.BusStats;
import io.hftbus.api.event.EventType;
import io.hftbus.core.CoreModule;
import io.hftbus.recorder.BusRecorder;
import io.hftbus.recorder.RecorderModule;
import io.hftbus.stats.StatsCollector;
import io.hftbus.stats.StatsModule;
import jakarta.inject.Singleton;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The three ways an application combines the modules: it names only the Dagger modules it needs,
 * and the bus gets exactly the observers those modules contribute.
 */
class ModuleCombinationsTest {

    @Singleton
    @Component(modules = CoreModule.class)
    interface CoreAlone {
        EventBus bus();
    }

    @Singleton
    @Component(modules = {CoreModule.class, StatsModule.class})
    interface CoreWithStats {
        EventBus bus();

        BusStats stats();
    }

    @Singleton
    @Component(modules = {CoreModule.class, StatsModule.class, RecorderModule.class})
    interface TradingBus {
        EventBus bus();

        BusStats stats();

        EventRecorder recorder();
    }

    @Test
    void coreAloneGivesTheBusNoObservers() throws Exception {
        try (EventBus bus = DaggerModuleCombinationsTest_CoreAlone.create().bus()) {
            assertThat(bus.config().observers()).isEmpty();
            assertThat(roundTrip(bus)).isTrue();
        }
    }

    @Test
    void coreWithStatsGivesTheBusTheStatsCollectorOnly() throws Exception {
        CoreWithStats component = DaggerModuleCombinationsTest_CoreWithStats.create();
        try (EventBus bus = component.bus()) {
            assertThat(bus.config().observers()).singleElement().isInstanceOf(StatsCollector.class)
                    .isSameAs(component.stats());
            assertThat(roundTrip(bus)).isTrue();
            assertThat(component.stats().of(EventType.ORDER).published()).isEqualTo(1);
            awaitReceived(component.stats());
        }
    }

    @Test
    void coreWithStatsAndRecorderGivesTheBusBothObservers() throws Exception {
        TradingBus component = DaggerModuleCombinationsTest_TradingBus.create();
        try (EventBus bus = component.bus()) {
            assertThat(bus.config().observers()).extracting(BusObserver::getClass)
                    .containsExactlyInAnyOrder(StatsCollector.class, BusRecorder.class);
            assertThat(bus.config().observers()).contains((BusObserver) component.stats(),
                    (BusObserver) component.recorder());
            assertThat(roundTrip(bus)).isTrue();
            awaitReceived(component.stats());
            assertThat(component.recorder().events()).singleElement()
                    .satisfies(envelope -> assertThat(envelope.type()).isEqualTo(EventType.ORDER));
            assertThat(component.recorder().events(EventType.MARKET_DATA)).isEmpty();
        }
    }

    /** The stats count a delivery after the handler returns, so the count may trail the handler a moment. */
    private static void awaitReceived(BusStats stats) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (stats.of(EventType.ORDER).received() != 1) {
            assertThat(System.nanoTime() - deadline).as("the order counted as received within 20 s").isNegative();
            Thread.sleep(1);
        }
    }

    /** Publishes one order to one handler and waits for it. */
    private static boolean roundTrip(EventBus bus) throws InterruptedException {
        CountDownLatch received = new CountDownLatch(1);
        bus.subscribe(OrderEvent.class, e -> received.countDown());
        bus.subscribe(MarketDataEvent.class, e -> { });
        bus.publish(new OrderEvent(1L, 1, 0, "ES", Side.BUY, OrderType.MARKET, TimeInForce.IMMEDIATE_OR_CANCEL,
                1.0, 0.0, 0.0));
        return received.await(20, TimeUnit.SECONDS);
    }
}
