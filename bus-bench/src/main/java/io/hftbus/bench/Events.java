package io.hftbus.bench;

import io.hftbus.api.event.MarketDataEvent;

/** The events the benchmarks publish: made once, before measuring, so publishing allocates nothing. */
public final class Events {

    private Events() {
    }

    /** A valid market-data tick whose timestamp is {@code index}. */
    public static MarketDataEvent tick(long index) {
        return new MarketDataEvent(index, "ES", 6000.25, 1.0, 6000.0, 12.0, 6000.5, 9.0);
    }

    /** {@code count} ticks, the i-th with timestamp i. */
    public static MarketDataEvent[] ticks(int count) {
        MarketDataEvent[] ticks = new MarketDataEvent[count];
        for (int i = 0; i < count; i++) {
            ticks[i] = tick(i);
        }
        return ticks;
    }
}
