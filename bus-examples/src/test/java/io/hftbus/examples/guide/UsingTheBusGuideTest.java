package io.hftbus.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.BackpressureException;
import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.BusClosedException;
import io.hftbus.api.BusObserver;
import io.hftbus.api.DispatchMode;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.Priority;
import io.hftbus.api.Subscription;
import io.hftbus.api.WaitStrategy;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.FillEvent;
import io.hftbus.api.event.Liquidity;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.OrderEvent;
import io.hftbus.api.event.OrderType;
import io.hftbus.api.event.Side;
import io.hftbus.api.event.TimeInForce;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The code of {@code docs/using-the-bus.md}: each tagged region is shown there as written
 * ({@code DocSnippetsTest} checks it), and each test proves what the guide says of it.
 */
class UsingTheBusGuideTest {

    private static final MarketDataEvent QUOTE = new MarketDataEvent(1L, "ES", 6000.0, 10.0, 5999.75, 5.0, 6000.25, 5.0);

    private static OrderEvent order(long id) {
        return new OrderEvent(id, id, 7L, "ES", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 1.0, 6000.25, 0.0);
    }

    private static FillEvent fill(long id, double quantity) {
        return new FillEvent(id, id, id, "ES", Side.BUY, quantity, 6000.25, 0.35, Liquidity.TAKER, 0.0);
    }

    @Test
    void aBusIsConfiguredLaneByLane() {
        // tag::builder[]
        EventBus bus = EventBus.builder()
                .name("md")
                .laneCapacity(Priority.HIGH, 65_536)
                .backpressure(Priority.HIGH, BackpressurePolicy.DROP_NEWEST)
                .blockTimeout(Duration.ofMillis(200))
                .waitStrategy(WaitStrategy.YIELDING)
                .dispatchMode(DispatchMode.THREAD_PER_LANE)
                .build();
        // end::builder[]
        try (bus) {
            assertThat(bus.laneCapacity(Priority.HIGH)).isEqualTo(65_536);
            assertThat(bus.config().lane(Priority.HIGH).backpressure()).isEqualTo(BackpressurePolicy.DROP_NEWEST);
            assertThat(bus.config().dispatchMode()).isEqualTo(DispatchMode.THREAD_PER_LANE);
        }
    }

    @Test
    void handlersAreCalledOnTheDispatchThreadAndStreamsAreReadOnYours() throws InterruptedException {
        AtomicReference<MarketDataEvent> lastQuote = new AtomicReference<>();
        List<Envelope<Event>> auditLog = new CopyOnWriteArrayList<>();
        double position = 0;
        EventBus bus = EventBus.create();
        // tag::subscribe[]
        // Push: called on a dispatch thread for every MarketDataEvent
        Subscription quotes = bus.subscribe("quotes", MarketDataEvent.class,
                envelope -> lastQuote.set(envelope.event()));

        // Every type, for example for an audit log
        Subscription audit = bus.subscribeAll("audit", auditLog::add);

        // Pull: its own bounded queue, read on your own threads
        EventStream<FillEvent> fills = bus.stream(FillEvent.class, 4_096);
        // end::subscribe[]

        bus.publish(QUOTE);
        bus.publish(fill(1, 2.0));
        bus.publish(fill(2, 1.0));
        bus.close();   // delivers what it accepted, then ends the streams

        // tag::take[]
        for (Envelope<FillEvent> fill; (fill = fills.take()) != null; ) {   // null once the stream has ended
            position += fill.event().quantity();
        }
        // end::take[]
        // tag::unsubscribe[]
        quotes.unsubscribe();   // or close(): a Subscription is AutoCloseable
        // end::unsubscribe[]
        audit.close();

        assertThat(lastQuote.get()).isEqualTo(QUOTE);
        // The fills, on the CRITICAL lane, may overtake the quote on HIGH: the order is kept per lane only.
        assertThat(auditLog).extracting(Envelope::event).containsExactlyInAnyOrder(QUOTE, fill(1, 2.0), fill(2, 1.0));
        assertThat(position).isEqualTo(3.0);
        assertThat(quotes.isActive()).isFalse();
    }

    @Test
    void aPublisherMayOverrideTheLaneOfOneEvent() {
        try (EventBus bus = EventBus.create()) {
            EventStream<MarketDataEvent> quotes = bus.stream(MarketDataEvent.class);
            MarketDataEvent quote = QUOTE;
            // tag::priority[]
            bus.publish(quote);                       // the type's default lane: HIGH for market data
            bus.publish(quote, Priority.CRITICAL);    // this one event overtakes what is queued
            // end::priority[]
            // Which comes first depends on whether the dispatch thread took the first before the second came.
            assertThat(List.of(take(quotes), take(quotes))).extracting(Envelope::priority)
                    .containsExactlyInAnyOrder(Priority.HIGH, Priority.CRITICAL);
        }
    }

    @Test
    void aFullLaneRefusesByItsPolicyAndSaysWhy() throws InterruptedException {
        EventBus bus = EventBus.builder().name("tight").laneCapacity(Priority.CRITICAL, 2)
                .backpressure(Priority.CRITICAL, BackpressurePolicy.FAIL_FAST).build();
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (bus) {
            // The handler holds the dispatch thread on the first order, so the lane behind it fills.
            bus.subscribe(OrderEvent.class, envelope -> {
                handling.countDown();
                release.await();
            });
            bus.publish(order(1));
            assertThat(handling.await(10, TimeUnit.SECONDS)).isTrue();
            bus.publish(order(2));
            bus.publish(order(3));
            assertThatThrownBy(() -> bus.publish(order(4))).isInstanceOf(BackpressureException.class)
                    .hasMessage("bus 'tight' lane CRITICAL (capacity 2) refused an ORDER event: lane full, policy"
                            + " FAIL_FAST");
            release.countDown();
        }
        assertThatThrownBy(() -> bus.publish(QUOTE)).isInstanceOf(BusClosedException.class)
                .hasMessage("bus 'tight' is closed: publish MARKET_DATA refused");
    }

    @Test
    void anObserverSeesEveryOutcome() {
        // tag::observer[]
        AtomicLong dropped = new AtomicLong();
        BusObserver drops = new BusObserver() {
            @Override
            public void onDropped(Envelope<?> envelope, Subscription subscription, DropReason reason) {
                dropped.incrementAndGet();   // inline on the bus's threads: no blocking, no allocation
            }
        };
        EventBus bus = EventBus.builder().observer(drops).build();
        // end::observer[]
        bus.subscribe(MarketDataEvent.class, envelope -> { });
        bus.publish(QUOTE);
        // tag::close[]
        boolean drained = bus.close(Duration.ofSeconds(5));   // false if a handler held it past the timeout
        // end::close[]
        assertThat(drained).isTrue();
        assertThat(dropped).hasValue(0);
    }

    private static <E extends Event> Envelope<E> take(EventStream<E> stream) {
        try {
            return stream.take();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
