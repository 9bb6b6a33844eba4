package io.hftbus.recorder.golden;

import io.hftbus.api.Envelope;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.FeatureEvent;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.MetricsEvent;
import io.hftbus.api.event.OrderEvent;
import io.hftbus.api.event.OrderType;
import io.hftbus.api.event.Side;
import io.hftbus.api.event.TimeInForce;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the format-2 golden journals under {@code src/test/resources/journals/format2/} hold, frozen
 * like {@link Format1Golden}. Maps have one entry at most, so that the bytes do not depend on a
 * map's iteration order and the files pin every byte.
 *
 * <p>{@code all-types.journal}: the envelopes of {@link Format1Golden}, maps cut to their first
 * entry, then refusals for {@link Format1Golden#REFUSED}; its header's creation times are
 * {@link #CREATED_EPOCH_NANOS} and {@link #CREATED_NANO_TIME}.
 *
 * <p>{@code evolved-market-data.journal}: written by a version whose market data record had a
 * {@code venue} field after {@code symbol} (removed since) and no {@code askSize} (added since):
 * {@link #evolvedWritten()} as that version wrote them, which read today as {@link #evolvedRead()}.
 */
public final class Format2Golden {

    /** The golden files' creation time, wall clock: 2026-01-02T03:04:05.000000006Z. */
    public static final long CREATED_EPOCH_NANOS = 1_767_323_045_000_000_006L;
    /** The golden files' creation time, {@code nanoTime} of the writing JVM. */
    public static final long CREATED_NANO_TIME = 4_000_000_000L;

    private Format2Golden() {
    }

    /** The recorded envelopes of {@code all-types.journal}, in file order. */
    public static List<Envelope<?>> envelopes() {
        List<Envelope<?>> envelopes = new ArrayList<>();
        for (Envelope<?> envelope : Format1Golden.envelopes()) {
            envelopes.add(new Envelope<>(envelope.sequence(), envelope.publishNanos(), envelope.priority(),
                    oneEntry(envelope.event())));
        }
        return envelopes;
    }

    private static Event oneEntry(Event event) {
        if (event instanceof FeatureEvent) {
            FeatureEvent e = (FeatureEvent) event;
            return new FeatureEvent(e.timestamp(), e.symbol(), first(e.features()));
        }
        if (event instanceof MetricsEvent) {
            MetricsEvent e = (MetricsEvent) event;
            return new MetricsEvent(e.timestamp(), e.source(), first(e.values()));
        }
        return event;
    }

    private static Map<String, Double> first(Map<String, Double> values) {
        if (values.isEmpty()) {
            return Map.of();
        }
        Map.Entry<String, Double> first = new TreeMap<>(values).firstEntry();
        return Map.of(first.getKey(), first.getValue());
    }

    /** The market data record of the version that wrote {@code evolved-market-data.journal}. */
    public record MarketDataEvent0(long timestamp, String symbol, String venue, double price, double volume,
                                   double bidPrice, double bidSize, double askPrice) {
    }

    /** What {@code evolved-market-data.journal} holds, as its writer had it: two ticks, then an order. */
    public static List<Object> evolvedWritten() {
        return List.of(
                new MarketDataEvent0(1, "ES", "XCME", 6000.25, 3, 6000, 5, 6000.5),
                new MarketDataEvent0(2, "NQ", "XCME", 21000, 1, 20999.75, 2, 21000.25),
                evolvedOrder());
    }

    /** What this version reads from it: {@code venue} skipped, {@code askSize} at its default 0. */
    public static List<Event> evolvedRead() {
        return List.of(
                new MarketDataEvent(1, "ES", 6000.25, 3, 6000, 5, 6000.5, 0),
                new MarketDataEvent(2, "NQ", 21000, 1, 20999.75, 2, 21000.25, 0),
                evolvedOrder());
    }

    private static OrderEvent evolvedOrder() {
        return new OrderEvent(3, 7, 0, "ES", Side.SELL, OrderType.MARKET, TimeInForce.IMMEDIATE_OR_CANCEL, 1, 0, 0);
    }
}
