package io.hftbus.examples.pipeline;

import io.hftbus.api.EventBus;
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
import io.hftbus.api.event.TimeInForce;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The execution simulator: turns each approved signal into an immediate-or-cancel market
 * {@link OrderEvent} and fills it against the synthetic book as the exchange would have seen it
 * when the order got there.
 *
 * <p><b>Latency.</b> An order sent at the signal's timestamp reaches the exchange {@code latency}
 * plus a seeded random jitter later (in event time). It trades against the first quote of its
 * symbol at or after that moment: the best level at the quote's size, then the deeper levels of the
 * latest book snapshot, each a tick worse, so size and latency both cost slippage. What the book
 * cannot absorb is cancelled. The exchange acknowledges ({@code NEW}), each level traded is a
 * {@link FillEvent}, and a final {@link OrderUpdateEvent} reports {@code FILLED} or
 * {@code CANCELLED} with the average price.
 *
 * <p><b>Determinism.</b> The quote an order trades against may already have been seen (market
 * data runs ahead of the signals) or may still be to come. The simulator keeps a history of recent
 * quotes per symbol and looks the right one up in either case, and fills the orders of a symbol
 * strictly in the order they were sent, so fills and their prices do not depend on how the bus
 * interleaved market data with signals. Fill ids are derived from the order id for the same
 * reason. A history too short to find the quote is reported as a failure, never guessed around.
 */
public final class ExecutionSimulator extends Stage {

    /** The stage name. */
    public static final String NAME = "execution";

    /** Quotes kept per symbol; far more than market data can run ahead within the feed's window. */
    private static final int HISTORY = 1 << 14;

    /**
     * The simulator's parameters.
     *
     * @param latency        order-to-exchange latency, non-negative
     * @param jitter         the largest extra random latency, non-negative
     * @param feePerContract exchange and clearing fee per contract, non-negative
     * @param seed           seed of the jitter
     */
    public record Settings(Duration latency, Duration jitter, double feePerContract, long seed) {

        /** Validates the parameters. */
        public Settings {
            if (latency == null || latency.isNegative()) {
                throw new IllegalArgumentException("Settings.latency must be >= 0 but was " + latency);
            }
            if (jitter == null || jitter.isNegative()) {
                throw new IllegalArgumentException("Settings.jitter must be >= 0 but was " + jitter);
            }
            if (!(feePerContract >= 0.0) || Double.isInfinite(feePerContract)) {
                throw new IllegalArgumentException("Settings.feePerContract must be finite and >= 0 but was "
                        + feePerContract);
            }
        }

        /** 250 µs plus up to 250 µs of jitter, 1.25 a contract. */
        public static Settings defaults(long seed) {
            return new Settings(Duration.ofNanos(250_000), Duration.ofNanos(250_000), 1.25, seed);
        }
    }

    private final Settings settings;
    private final long latencyNanos;
    private final long jitterNanos;
    private final SplittableRandom jitterRandom;
    private final Map<String, Venue> venues = new HashMap<>();
    private long nextOrderId = 1;
    // Written on the dispatch thread, read by the monitor: single-writer volatile counters.
    private volatile long fills;
    private volatile long filledOrders;
    private volatile long cancelledOrders;

    /**
     * @param bus         the bus
     * @param instruments the instruments traded
     * @param settings    the parameters
     */
    public ExecutionSimulator(EventBus bus, List<Instrument> instruments, Settings settings) {
        super(NAME, bus);
        this.settings = settings;
        this.latencyNanos = settings.latency().toNanos();
        this.jitterNanos = settings.jitter().toNanos();
        this.jitterRandom = new SplittableRandom(settings.seed());
        for (Instrument instrument : instruments) {
            venues.put(instrument.symbol(), new Venue(instrument));
        }
    }

    @Override
    protected void subscribeHandlers() {
        on(OrderBookEvent.class, this::onBook);
        on(MarketDataEvent.class, this::onQuote);
        on(ApprovedSignalEvent.class, this::onApproved);
    }

    private Venue venue(String symbol) {
        Venue venue = venues.get(symbol);
        if (venue == null) {
            throw new IllegalArgumentException("no venue for symbol '" + symbol + "'");
        }
        return venue;
    }

    private void onBook(OrderBookEvent book) {
        Venue venue = venues.get(book.symbol());
        if (venue != null) {
            venue.book = book;
        }
    }

    private void onQuote(MarketDataEvent quote) {
        Venue venue = venues.get(quote.symbol());
        if (venue == null || !(quote.bidPrice() > 0.0 && quote.askPrice() > 0.0)) {
            return;
        }
        venue.record(quote);
        venue.work();
    }

    private void onApproved(ApprovedSignalEvent approved) {
        Venue venue = venue(approved.signal().symbol());
        long jitter = jitterNanos == 0 ? 0 : jitterRandom.nextLong(jitterNanos + 1);
        // Never before an earlier order of the symbol: orders of one symbol reach the venue in the order sent.
        long arrival = Math.max(approved.timestamp() + latencyNanos + jitter, venue.lastArrivalNanos);
        venue.lastArrivalNanos = arrival;
        OrderEvent order = new OrderEvent(approved.timestamp(), nextOrderId++, approved.signal().signalId(),
                approved.signal().symbol(), approved.signal().side(), OrderType.MARKET,
                TimeInForce.IMMEDIATE_OR_CANCEL, approved.approvedQuantity(), 0.0, 0.0);
        bus.publish(order);
        venue.working.addLast(new WorkingOrder(order, arrival));
        venue.work();
    }

    /** Fills published; read on any thread. */
    public long fills() {
        return fills;
    }

    /** Orders sent. Read on the dispatch thread or after the bus has closed. */
    public long orders() {
        return nextOrderId - 1;
    }

    /** Orders completely filled. */
    public long filledOrders() {
        return filledOrders;
    }

    /** Orders whose rest the book could not absorb, cancelled. */
    public long cancelledOrders() {
        return cancelledOrders;
    }

    private record WorkingOrder(OrderEvent order, long arrivalNanos) {
    }

    private final class Venue {
        final Instrument instrument;
        final MarketDataEvent[] quotes = new MarketDataEvent[HISTORY];
        final OrderBookEvent[] booksAtQuote = new OrderBookEvent[HISTORY];
        final ArrayDeque<WorkingOrder> working = new ArrayDeque<>();
        long recorded;
        OrderBookEvent book;
        long lastArrivalNanos;

        Venue(Instrument instrument) {
            this.instrument = instrument;
        }

        void record(MarketDataEvent quote) {
            int slot = (int) (recorded++ & (HISTORY - 1));
            quotes[slot] = quote;
            booksAtQuote[slot] = book;
        }

        /** Fills the working orders, oldest first, for as long as their quote is known. */
        void work() {
            while (!working.isEmpty()) {
                WorkingOrder next = working.peekFirst();
                int slot = firstQuoteAtOrAfter(next.arrivalNanos());
                if (slot < 0) {
                    return;
                }
                working.pollFirst();
                execute(next.order(), quotes[slot], booksAtQuote[slot]);
            }
        }

        /** The slot of the first quote at or after {@code nanos}, or -1 if none has been seen yet. */
        private int firstQuoteAtOrAfter(long nanos) {
            long oldest = Math.max(0, recorded - HISTORY);
            int found = -1;
            for (long i = recorded - 1; i >= oldest; i--) {
                int slot = (int) (i & (HISTORY - 1));
                if (quotes[slot].timestamp() < nanos) {
                    return found;
                }
                found = slot;
            }
            if (found >= 0 && oldest > 0) {
                throw new IllegalStateException("quote history of " + instrument.symbol() + " (" + HISTORY
                        + " quotes) does not reach back to " + nanos + "; the feed ran too far ahead");
            }
            return found;
        }

        private void execute(OrderEvent order, MarketDataEvent quote, OrderBookEvent depth) {
            long now = quote.timestamp();
            bus.publish(new OrderUpdateEvent(now, order.orderId(), order.symbol(), OrderStatus.NEW, 0.0,
                    order.quantity(), 0.0, ""));
            boolean buy = order.side() == Side.BUY;
            double touch = buy ? quote.askPrice() : quote.bidPrice();
            double touchSize = buy ? quote.askSize() : quote.bidSize();
            List<PriceLevel> deeper = depth == null ? List.of() : (buy ? depth.asks() : depth.bids());
            double remaining = order.quantity();
            double filled = 0.0;
            double notional = 0.0;
            int fillNumber = 0;
            for (int level = 0; level < SyntheticMarket.BOOK_DEPTH && remaining > 0.0; level++) {
                double size = level == 0 ? touchSize : (level < deeper.size() ? deeper.get(level).size() : 0.0);
                if (size <= 0.0) {
                    continue;
                }
                long touchTicks = instrument.toTicks(touch);
                double price = instrument.toPrice(buy ? touchTicks + level : touchTicks - level);
                if (!(price > 0.0)) {
                    break;
                }
                double quantity = Math.min(remaining, size);
                remaining -= quantity;
                filled += quantity;
                notional += quantity * price;
                fillNumber++;
                bus.publish(new FillEvent(now, order.orderId() * 100 + fillNumber, order.orderId(), order.symbol(),
                        order.side(), quantity, price, quantity * settings.feePerContract(), Liquidity.TAKER,
                        remaining));
                fills++;
            }
            double average = filled > 0.0 ? notional / filled : 0.0;
            if (remaining > 0.0) {
                cancelledOrders++;
                bus.publish(new OrderUpdateEvent(now, order.orderId(), order.symbol(), OrderStatus.CANCELLED, filled,
                        0.0, average, "book could not absorb " + remaining + " more"));
            } else {
                filledOrders++;
                bus.publish(new OrderUpdateEvent(now, order.orderId(), order.symbol(), OrderStatus.FILLED, filled,
                        0.0, average, ""));
            }
        }
    }
}
