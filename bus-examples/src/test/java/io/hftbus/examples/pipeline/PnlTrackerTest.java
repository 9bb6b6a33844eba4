package io.hftbus.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.event.FillEvent;
import io.hftbus.api.event.Liquidity;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.Side;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PnlTrackerTest {

    private static long fillId = 1;

    private static FillEvent fill(Side side, double quantity, double price) {
        return new FillEvent(1, fillId++, 1, "ES", side, quantity, price, 1.0 * quantity, Liquidity.TAKER, 0);
    }

    @Test
    void positionsAreKeptAtAverageCostAndMarkedAtTheLatestMid() {
        StageTestBus test = new StageTestBus();
        PnlTracker pnl = new PnlTracker(test.bus, List.of(Instrument.of("ES")), Duration.ofSeconds(1));
        pnl.attach();

        test.publish(fill(Side.BUY, 1, 6000), fill(Side.BUY, 1, 6002),   // long 2 at 6001
                fill(Side.SELL, 3, 6005),                                    // +4 points on 2, short 1 at 6005
                new MarketDataEvent(2, "ES", 6003, 0, 6002.75, 5, 6003.25, 5));
        test.close();

        PnlTracker.SymbolPnl es = pnl.snapshot().symbols().get(0);
        assertThat(es.position()).isEqualTo(-1);
        assertThat(es.averagePrice()).isEqualTo(6005);
        assertThat(es.realized()).isEqualTo(2 * 4 * 50);
        assertThat(es.unrealized()).isEqualTo(2 * 50);
        assertThat(es.fees()).isEqualTo(5);
        assertThat(es.total()).isEqualTo(400 + 100 - 5);
        assertThat(es.fills()).isEqualTo(3);
        assertThat(pnl.snapshot().total()).isEqualTo(es.total());
    }
}
