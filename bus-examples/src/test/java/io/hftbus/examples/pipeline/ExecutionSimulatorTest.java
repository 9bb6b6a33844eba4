package io.hftbus.examples.pipeline;

import static io.hftbus.examples.pipeline.StageTestBus.next;
import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.EventStream;
import io.hftbus.api.event.ApprovedSignalEvent;
import io.hftbus.api.event.FillEvent;
import io.hftbus.api.event.Liquidity;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.OrderBookEvent;
import io.hftbus.api.event.OrderEvent;
import io.hftbus.api.event.OrderStatus;
import io.hftbus.api.event.OrderType;
import io.hftbus.api.event.OrderUpdateEvent;
import io.hftbus.api.event.PriceLevel;
import io.hftbus.api.event.Side;
import io.hftbus.api.event.SignalEvent;
import io.hftbus.api.event.TimeInForce;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExecutionSimulatorTest {

    private static final long LATENCY = 1_000;

    private final StageTestBus test = new StageTestBus();
    private final EventStream<OrderEvent> orders = test.outputs(OrderEvent.class);
    private final EventStream<FillEvent> fills = test.outputs(FillEvent.class);
    private final EventStream<OrderUpdateEvent> updates = test.outputs(OrderUpdateEvent.class);

    @BeforeEach
    void attach() {
        new ExecutionSimulator(test.bus, List.of(Instrument.of("ES")),
                new ExecutionSimulator.Settings(Duration.ofNanos(LATENCY), Duration.ZERO, 2.0, 1)).attach();
    }

    @AfterEach
    void close() {
        test.close();
    }

    private static MarketDataEvent quote(long at, double bid, double ask, double size) {
        return new MarketDataEvent(at, "ES", bid, 0, bid, size, ask, size);
    }

    private static ApprovedSignalEvent approved(long at, Side side, double quantity) {
        return new ApprovedSignalEvent(at, new SignalEvent(at, 7, "test", "ES", side, 1, quantity, 6000), quantity);
    }

    @Test
    void anOrderTradesAgainstTheFirstQuoteAfterItsLatencyAndWalksTheBookForTheRest() throws Exception {
        List<PriceLevel> bids = List.of(new PriceLevel(5999.75, 1), new PriceLevel(5999.5, 10));
        List<PriceLevel> asks = List.of(new PriceLevel(6000.0, 1), new PriceLevel(6000.25, 10));
        test.publish(new OrderBookEvent(100, "ES", bids, asks), quote(100, 5999.75, 6000.0, 1),
                approved(500, Side.BUY, 3),
                quote(1_000, 6000.0, 6000.25, 1),   // before the order gets there at 1,500
                quote(1_600, 6000.25, 6000.5, 2));  // the first quote it can meet

        OrderEvent order = next(orders);
        assertThat(order).isEqualTo(new OrderEvent(500, 1, 7, "ES", Side.BUY, OrderType.MARKET,
                TimeInForce.IMMEDIATE_OR_CANCEL, 3, 0, 0));
        assertThat(next(fills, 2)).containsExactly(
                new FillEvent(1_600, 101, 1, "ES", Side.BUY, 2, 6000.5, 4.0, Liquidity.TAKER, 1),
                new FillEvent(1_600, 102, 1, "ES", Side.BUY, 1, 6000.75, 2.0, Liquidity.TAKER, 0));
        List<OrderUpdateEvent> lifecycle = next(updates, 2);
        assertThat(lifecycle).extracting(OrderUpdateEvent::status).containsExactly(OrderStatus.NEW, OrderStatus.FILLED);
        assertThat(lifecycle.get(1).averagePrice()).isEqualTo((2 * 6000.5 + 6000.75) / 3);
    }

    @Test
    void anOrderWhoseQuoteWasAlreadySeenFillsAtOnceAgainstThatQuote() throws Exception {
        // Market data ran ahead: the quotes at and after the arrival time are already in.
        test.publish(quote(100, 5999.75, 6000.0, 5), quote(1_200, 5999.5, 5999.75, 5), quote(1_300, 5999.0, 5999.25, 5),
                approved(100, Side.SELL, 2));

        FillEvent fill = next(fills);
        assertThat(fill.timestamp()).isEqualTo(1_200);
        assertThat(fill.price()).isEqualTo(5999.5);
        assertThat(fill.quantity()).isEqualTo(2);
    }
}
