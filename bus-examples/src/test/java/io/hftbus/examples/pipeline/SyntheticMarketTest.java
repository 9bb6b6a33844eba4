package io.hftbus.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.event.Event;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.OrderBookEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticMarketTest {

    private static final List<Instrument> INSTRUMENTS = List.of(Instrument.of("ES"), Instrument.of("CL"));

    private static List<Event> events(long seed, int count) {
        SyntheticMarket market = new SyntheticMarket(INSTRUMENTS, seed, 10_000, 1_000_000_000L, 10);
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(market.next());
        }
        return events;
    }

    @Test
    void theSameSeedGivesTheSameMarketAndAnotherSeedAnother() {
        assertThat(events(5, 20_000)).isEqualTo(events(5, 20_000));
        assertThat(events(6, 1_000)).isNotEqualTo(events(5, 1_000));
    }

    @Test
    void quotesAreOnTheTickGridWithOneToThreeTickSpreadsAndTimeMovesForward() {
        long lastTimestamp = 0;
        Map<String, Integer> quotes = new HashMap<>();
        Set<Long> spreads = new HashSet<>();
        long trades = 0;
        for (Event event : events(11, 100_000)) {
            if (!(event instanceof MarketDataEvent)) {
                continue;
            }
            MarketDataEvent quote = (MarketDataEvent) event;
            Instrument instrument = Instrument.of(quote.symbol());
            assertThat(quote.timestamp()).isGreaterThan(lastTimestamp);
            lastTimestamp = quote.timestamp();
            long spreadTicks = instrument.toTicks(quote.askPrice()) - instrument.toTicks(quote.bidPrice());
            assertThat(spreadTicks).isBetween(1L, 3L);
            spreads.add(spreadTicks);
            assertThat(quote.bidSize()).isPositive();
            assertThat(quote.askSize()).isPositive();
            if (quote.volume() > 0) {
                trades++;
                assertThat(quote.price()).isIn(quote.bidPrice(), quote.askPrice());
            }
            quotes.merge(quote.symbol(), 1, Integer::sum);
        }
        assertThat(quotes.keySet()).containsExactlyInAnyOrder("ES", "CL");
        assertThat(spreads).contains(1L, 2L);
        assertThat(trades).isBetween(25_000L, 45_000L);
    }

    @Test
    void everyTenthQuoteOfASymbolIsFollowedByABookWhoseTopIsThatQuote() {
        List<Event> events = events(3, 50_000);
        Map<String, Integer> quotesSinceBook = new HashMap<>();
        int books = 0;
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            if (event instanceof MarketDataEvent) {
                quotesSinceBook.merge(((MarketDataEvent) event).symbol(), 1, Integer::sum);
                continue;
            }
            OrderBookEvent book = (OrderBookEvent) event;
            MarketDataEvent quote = (MarketDataEvent) events.get(i - 1);
            assertThat(book.symbol()).isEqualTo(quote.symbol());
            assertThat(book.timestamp()).isEqualTo(quote.timestamp());
            assertThat(book.bestBid().price()).isEqualTo(quote.bidPrice());
            assertThat(book.bestAsk().price()).isEqualTo(quote.askPrice());
            assertThat(book.asks()).hasSize(SyntheticMarket.BOOK_DEPTH);
            assertThat(quotesSinceBook.put(book.symbol(), 0)).isEqualTo(10);
            books++;
        }
        assertThat(books).isGreaterThan(4_000);
    }
}
