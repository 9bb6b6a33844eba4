package io.hftbus.examples.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A futures contract the synthetic market trades, with the figures that make its quotes look like
 * the real thing.
 *
 * @param symbol      the ticker, for example {@code ES}
 * @param startPrice  the price the simulation starts from, a multiple of {@code tickSize}
 * @param tickSize    the minimum price increment
 * @param multiplier  currency per point of price per contract (ES: 50 USD)
 * @param annualVol   annualised volatility of the fair value in the normal regime, for example 0.16
 * @param typicalSize typical contracts quoted at the best bid or ask
 */
public record Instrument(String symbol, double startPrice, double tickSize, double multiplier, double annualVol,
                        double typicalSize) {

    private static final Map<String, Instrument> KNOWN = known();

    /** Validates the figures. */
    public Instrument {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("Instrument.symbol must not be blank but was '" + symbol + "'");
        }
        requirePositive(startPrice, "startPrice");
        requirePositive(tickSize, "tickSize");
        requirePositive(multiplier, "multiplier");
        requirePositive(annualVol, "annualVol");
        requirePositive(typicalSize, "typicalSize");
    }

    private static void requirePositive(double value, String field) {
        if (!Double.isFinite(value) || value <= 0.0) {
            throw new IllegalArgumentException("Instrument." + field + " must be finite and > 0 but was " + value);
        }
    }

    private static Map<String, Instrument> known() {
        Map<String, Instrument> known = new LinkedHashMap<>();
        for (Instrument instrument : new Instrument[] {
                new Instrument("ES", 6000.00, 0.25, 50, 0.16, 25),
                new Instrument("NQ", 21000.00, 0.25, 20, 0.22, 8),
                new Instrument("YM", 44000, 1.0, 5, 0.15, 6),
                new Instrument("RTY", 2300.0, 0.10, 50, 0.22, 10),
                new Instrument("CL", 70.00, 0.01, 1000, 0.35, 12),
                new Instrument("GC", 2650.0, 0.10, 100, 0.16, 8),
                new Instrument("SI", 31.00, 0.005, 5000, 0.28, 4),
                new Instrument("ZN", 110.5, 0.015625, 1000, 0.06, 300),
                new Instrument("6E", 1.0850, 0.00005, 125_000, 0.08, 20)}) {
            known.put(instrument.symbol(), instrument);
        }
        return Map.copyOf(known);
    }

    /** The symbols {@link #of(String)} knows. */
    public static Set<String> knownSymbols() {
        return KNOWN.keySet();
    }

    /**
     * The contract of {@code symbol}.
     *
     * @throws IllegalArgumentException if the symbol is not one of {@link #knownSymbols()}
     */
    public static Instrument of(String symbol) {
        Instrument instrument = KNOWN.get(symbol);
        if (instrument == null) {
            throw new IllegalArgumentException("unknown symbol '" + symbol + "'; known: "
                    + String.join(",", new TreeSet<>(KNOWN.keySet())));
        }
        return instrument;
    }

    /** {@code price} rounded to the nearest whole number of ticks. */
    public long toTicks(double price) {
        return Math.round(price / tickSize);
    }

    /** The price of {@code ticks} whole ticks. */
    public double toPrice(long ticks) {
        return ticks * tickSize;
    }
}
