package io.hftbus.core.internal;

import static io.hftbus.core.internal.BusFixtures.builder;
import static io.hftbus.core.internal.BusFixtures.bus;
import static io.hftbus.testing.SampleEvents.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.BusClosedException;
import io.hftbus.api.BusConfig;
import io.hftbus.api.EventBusBuilder;
import io.hftbus.api.LaneConfig;
import io.hftbus.api.Priority;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.HealthEvent;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.OrderEvent;
import io.hftbus.api.event.OrderType;
import io.hftbus.api.event.Side;
import io.hftbus.api.event.TimeInForce;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input of every kind: each is refused with an exception whose message names what was wrong,
 * and a bus that refused it goes on working.
 */
@Timeout(30)
class BadInputTest {

    /** Every bad call on a live bus, then proof that the bus still delivers. */
    @Test
    void badCallsOnALiveBusAreRefusedWithTheirReasonAndTheBusGoesOnDelivering() throws Exception {
        try (CoreEventBus bus = bus(builder("bad-calls").config())) {
            List<Long> got = new CopyOnWriteArrayList<>();
            bus.subscribe("receiver", MarketDataEvent.class, e -> got.add(e.sequence()));

            expect(() -> bus.publish(null), NullPointerException.class, "event must not be null");
            expect(() -> bus.publish(null, Priority.HIGH), NullPointerException.class, "event must not be null");
            expect(() -> bus.publish(tick(1), null), NullPointerException.class,
                    "priority must not be null for a MARKET_DATA event");
            expect(() -> bus.subscribe(null, e -> { }), NullPointerException.class, "event type must not be null");
            expect(() -> bus.subscribe(MarketDataEvent.class, null), NullPointerException.class,
                    "handler must not be null for MARKET_DATA");
            expect(() -> bus.subscribeAll(null), NullPointerException.class, "handler must not be null");
            expect(() -> bus.subscribe(" ", MarketDataEvent.class, e -> { }), IllegalArgumentException.class,
                    "subscription name must not be blank");
            expect(() -> bus.subscribe(Event.class, e -> { }), IllegalArgumentException.class,
                    "io.hftbus.api.event.Event");
            expect(() -> bus.stream(MarketDataEvent.class, 1), IllegalArgumentException.class,
                    "stream capacity for MARKET_DATA must be within [2, 1073741824] but was 1");
            expect(() -> bus.stream(MarketDataEvent.class, -5), IllegalArgumentException.class, "but was -5");
            expect(() -> bus.laneDepth(null), NullPointerException.class, "priority must not be null");
            expect(() -> bus.close(null), NullPointerException.class, "close timeout must not be null");

            // Every refusal came before anything entered a lane: nothing to settle, nothing half-published.
            assertThat(BusFixtures.lanePositions(bus)).containsOnly(0L);
            bus.publish(tick(1));
            bus.publish(tick(2), Priority.CRITICAL);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (got.size() < 2 && System.nanoTime() - deadline < 0) {
                Thread.sleep(1);
            }
            assertThat(got).containsExactlyInAnyOrder(0L, 1L);
            assertThat(bus.close(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void invalidEventsAreRefusedByTheirRecordsNamingTheFieldAndValue() {
        expect(() -> new MarketDataEvent(-1, "ES", 1, 1, 1, 1, 1, 1), IllegalArgumentException.class,
                "MarketDataEvent.timestamp must be >= 0 but was -1");
        expect(() -> new MarketDataEvent(1, " ", 1, 1, 1, 1, 1, 1), IllegalArgumentException.class,
                "MarketDataEvent.symbol must not be blank");
        expect(() -> new MarketDataEvent(1, null, 1, 1, 1, 1, 1, 1), NullPointerException.class,
                "MarketDataEvent.symbol must not be null");
        expect(() -> new MarketDataEvent(1, "ES", Double.NaN, 1, 1, 1, 1, 1), IllegalArgumentException.class,
                "MarketDataEvent.price must be finite and >= 0 but was NaN");
        expect(() -> new MarketDataEvent(1, "ES", 1, 1, 101, 1, 100, 1), IllegalArgumentException.class,
                "bidPrice must not be above askPrice");
        expect(() -> new OrderEvent(1, 0, 0, "ES", Side.BUY, OrderType.MARKET, TimeInForce.DAY, 1, 0, 0),
                IllegalArgumentException.class, "OrderEvent.orderId must be > 0 but was 0");
        expect(() -> new OrderEvent(1, 7, 0, "ES", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 1, 0, 0),
                IllegalArgumentException.class, "OrderEvent.limitPrice must be > 0 for a LIMIT order but was 0.0");
        expect(() -> new OrderEvent(1, 7, 0, "ES", Side.BUY, OrderType.MARKET, TimeInForce.DAY, -1, 0, 0),
                IllegalArgumentException.class, "OrderEvent.quantity must be finite and > 0 but was -1.0");
        expect(() -> new HealthEvent(1, "feed", null, ""), NullPointerException.class,
                "HealthEvent.status must not be null");
    }

    @Test
    void invalidConfigurationIsRefusedNamingTheSettingAndTheValue() {
        expect(() -> new LaneConfig(0, BackpressurePolicy.BLOCK), IllegalArgumentException.class,
                "LaneConfig.capacity must be within [2, 1073741824] but was 0");
        expect(() -> new LaneConfig(-16, BackpressurePolicy.BLOCK), IllegalArgumentException.class, "but was -16");
        expect(() -> new LaneConfig(16, null), NullPointerException.class, "LaneConfig.backpressure");
        expect(() -> new EventBusBuilder().laneCapacity(1).config(), IllegalArgumentException.class,
                "LaneConfig.capacity");
        expect(() -> new EventBusBuilder().name(" ").config(), IllegalArgumentException.class,
                "BusConfig.name must not be null or blank but was ' '");
        expect(() -> new EventBusBuilder().name(null).config(), IllegalArgumentException.class, "BusConfig.name");
        expect(() -> new EventBusBuilder().blockTimeout(Duration.ZERO).config(), IllegalArgumentException.class,
                "BusConfig.blockTimeout must be positive but was PT0S");
        expect(() -> new EventBusBuilder().shutdownTimeout(Duration.ofSeconds(-1)).config(),
                IllegalArgumentException.class, "BusConfig.shutdownTimeout must be positive but was PT-1S");
        expect(() -> new EventBusBuilder().blockTimeout(null).config(), NullPointerException.class,
                "BusConfig.blockTimeout must not be null");
        expect(() -> new EventBusBuilder().waitStrategy(null).config(), NullPointerException.class,
                "BusConfig.waitStrategy");
        expect(() -> new EventBusBuilder().dispatchMode(null).config(), NullPointerException.class,
                "BusConfig.dispatchMode");
        expect(() -> new EventBusBuilder().observer(null), NullPointerException.class, "observer must not be null");
        expect(() -> new EventBusBuilder().laneCapacity(null, 16), NullPointerException.class, "lane must not be null");

        BusConfig defaults = BusConfig.defaults();
        Map<Priority, LaneConfig> missingLow = new EnumMap<>(defaults.lanes());
        missingLow.remove(Priority.LOW);
        expect(() -> new BusConfig("bus", missingLow, defaults.waitStrategy(), defaults.dispatchMode(), null,
                defaults.blockTimeout(), defaults.shutdownTimeout(), true, List.of()), IllegalArgumentException.class,
                "BusConfig.lanes must configure every priority but LOW is missing");
        expect(() -> new BusConfig("bus", Map.of(), defaults.waitStrategy(), defaults.dispatchMode(), null,
                defaults.blockTimeout(), defaults.shutdownTimeout(), true, List.of()), IllegalArgumentException.class,
                "is missing from []");
        expect(() -> new BusConfig("bus", null, defaults.waitStrategy(), defaults.dispatchMode(), null,
                defaults.blockTimeout(), defaults.shutdownTimeout(), true, List.of()), NullPointerException.class,
                "BusConfig.lanes must not be null");
        expect(() -> new BusConfig("bus", defaults.lanes(), defaults.waitStrategy(), defaults.dispatchMode(), null,
                defaults.blockTimeout(), defaults.shutdownTimeout(), true, java.util.Arrays.asList(new BusObserverStub(), null)),
                NullPointerException.class, "BusConfig.observers[1] must not be null");
        expect(() -> new CoreEventBus(new EventBusBuilder().name("null-threads").threadFactory(task -> null).config()),
                IllegalStateException.class, "threadFactory returned null for dispatch thread hftbus-null-threads-dispatch");
    }

    @Test
    void publishingAndSubscribingToAClosedBusIsRefusedNamingTheBusAndTheOperation() {
        CoreEventBus bus = bus(builder("closed-bus").config());
        assertThat(bus.close(Duration.ofSeconds(10))).isTrue();
        expect(() -> bus.publish(tick(1)), BusClosedException.class,
                "bus 'closed-bus' is closed: publish MARKET_DATA refused");
        expect(() -> bus.subscribe(MarketDataEvent.class, e -> { }), BusClosedException.class,
                "bus 'closed-bus' is closed: subscribe to MARKET_DATA refused");
        expect(() -> bus.subscribeAll(e -> { }), BusClosedException.class, "subscribe to all types refused");
        expect(() -> bus.stream(MarketDataEvent.class), BusClosedException.class, "subscribe to MARKET_DATA");
        // Closing again is harmless and reports the same clean drain.
        assertThat(bus.close(Duration.ofSeconds(1))).isTrue();
        assertThat(bus.isClosed()).isTrue();
    }

    private static void expect(ThrowingCallable call, Class<? extends Throwable> type, String messagePart) {
        assertThatThrownBy(call).isInstanceOf(type).hasMessageContaining(messagePart);
    }

    /** An observer that observes nothing. */
    private static final class BusObserverStub implements io.hftbus.api.BusObserver {
    }

}
