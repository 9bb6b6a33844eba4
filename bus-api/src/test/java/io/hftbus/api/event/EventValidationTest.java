package io.hftbus.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.testing.SampleEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventValidationTest {

    private static final long TS = 1L;
    private static final SignalEvent SIGNAL = new SignalEvent(TS, 7, "s", "ES", Side.BUY, 0.5, 2.0, 100.0);

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeHasASampleWhoseTypeAndClassMatch(EventType type) {
        Event event = SampleEvents.of(type, 3);
        assertThat(event.type()).isEqualTo(type);
        assertThat(event.getClass()).isEqualTo(type.eventClass());
        assertThat(EventType.of(type.eventClass())).isEqualTo(type);
        assertThat(EventType.ofOrdinal(type.ordinal())).isEqualTo(type);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyStringFieldRefusesAnUnpairedSurrogateNamingTheFieldAndIndex(EventType type) throws Exception {
        Event sample = SampleEvents.of(type, 3);
        java.lang.reflect.RecordComponent[] components = type.eventClass().getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            parameterTypes[i] = components[i].getType();
        }
        java.lang.reflect.Constructor<?> constructor = type.eventClass().getDeclaredConstructor(parameterTypes);
        for (int field = 0; field < components.length; field++) {
            if (components[field].getType() != String.class) {
                continue;
            }
            for (String malformed : new String[] {"half \uD83D pair", "\uDE00low first", "ends high \uD83D"}) {
                Object[] arguments = new Object[components.length];
                for (int i = 0; i < components.length; i++) {
                    arguments[i] = components[i].getAccessor().invoke(sample);
                }
                arguments[field] = malformed;
                String name = components[field].getName();
                assertThatThrownBy(() -> {
                    try {
                        constructor.newInstance(arguments);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                }).as("%s.%s = %s", type, name, malformed).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(type.eventClass().getSimpleName() + "." + name)
                        .hasMessageContaining("unpaired surrogate")
                        .hasMessageContaining("at index " + malformed.indexOf(malformed.chars()
                                .filter(c -> Character.isSurrogate((char) c)).findFirst().getAsInt()));
            }
        }
    }

    @Test
    void wellFormedSurrogatePairsAndMapNamesAreAcceptedAndLoneSurrogatesInMapNamesAreNot() {
        String rocket = "\uD83D\uDE80";
        assertThat(new ConfigEvent(1, "comp", "key", "", "whole " + rocket + " pair").value()).contains(rocket);
        assertThatThrownBy(() -> new ConfigEvent(1, "comp", "key", "", "half \uD83D pair"))
                .hasMessageContaining("ConfigEvent.value must be well-formed UTF-16")
                .hasMessageContaining("\\uD83D at index 5");
        assertThatThrownBy(() -> new FeatureEvent(1, "ES", Map.of("mid\uDC00", 1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FeatureEvent.features name");
    }

    @Test
    void eventTypeLookupRejectsTheInterfaceAndBadOrdinals() {
        assertThatThrownBy(() -> EventType.of(Event.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("io.hftbus.api.event.Event");
        assertThatThrownBy(() -> EventType.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("eventClass");
        assertThatThrownBy(() -> EventType.ofOrdinal(16)).hasMessageContaining("but was 16");
    }

    @Test
    void marketDataNamesTheFieldAndValue() {
        assertThatThrownBy(() -> new MarketDataEvent(TS, "ES", Double.NaN, 1, 1, 1, 2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MarketDataEvent.price must be finite and >= 0 but was NaN");
        assertThatThrownBy(() -> new MarketDataEvent(TS, "ES", 1, -2, 1, 1, 2, 1))
                .hasMessage("MarketDataEvent.volume must be finite and >= 0 but was -2.0");
        assertThatThrownBy(() -> new MarketDataEvent(TS, " ", 1, 1, 1, 1, 2, 1))
                .hasMessage("MarketDataEvent.symbol must not be blank but was ' '");
        assertThatThrownBy(() -> new MarketDataEvent(TS, null, 1, 1, 1, 1, 2, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("MarketDataEvent.symbol must not be null");
        assertThatThrownBy(() -> new MarketDataEvent(-5, "ES", 1, 1, 1, 1, 2, 1))
                .hasMessage("MarketDataEvent.timestamp must be >= 0 but was -5");
        assertThatThrownBy(() -> new MarketDataEvent(TS, "ES", 1, 1, 1, 1, 2, Double.POSITIVE_INFINITY))
                .hasMessage("MarketDataEvent.askSize must be finite and >= 0 but was Infinity");
    }

    @Test
    void marketDataRejectsACrossedQuoteButAllowsOneSidedQuotes() {
        assertThatThrownBy(() -> new MarketDataEvent(TS, "ES", 1, 1, 101, 1, 100, 1))
                .hasMessage("MarketDataEvent.bidPrice must not be above askPrice but bidPrice was 101.0 and askPrice 100.0");
        assertThat(new MarketDataEvent(TS, "ES", 1, 1, 101, 1, 0, 0).mid()).isNaN();
        assertThat(new MarketDataEvent(TS, "ES", 1, 1, 99, 1, 101, 1).mid()).isEqualTo(100.0);
        assertThat(new MarketDataEvent(TS, "ES", 1, 1, 99, 1, 101, 1).spread()).isEqualTo(2.0);
    }

    @Test
    void aggregatedDataChecksTheCandleShape() {
        assertThatThrownBy(() -> new AggregatedDataEvent(TS, "ES", Duration.ofSeconds(1), 10, 9, 11, 10, 1, 10, 1))
                .hasMessageContaining("low <= open, close <= high").hasMessageContaining("high=9.0");
        assertThatThrownBy(() -> new AggregatedDataEvent(TS, "ES", Duration.ZERO, 10, 11, 9, 10, 1, 10, 1))
                .hasMessage("AggregatedDataEvent.interval must be positive but was PT0S");
        assertThatThrownBy(() -> new AggregatedDataEvent(TS, "ES", Duration.ofSeconds(1), 10, 11, 9, 10, 1, 12, 1))
                .hasMessage("AggregatedDataEvent.vwap must be within [9.0, 11.0] but was 12.0");
        assertThatThrownBy(() -> new AggregatedDataEvent(TS, "ES", Duration.ofSeconds(1), 10, 11, 9, 10, 1, 10, -1))
                .hasMessage("AggregatedDataEvent.tradeCount must be >= 0 but was -1");
    }

    @Test
    void orderBookChecksOrderCrossingAndCopiesItsLevels() {
        List<PriceLevel> bids = new ArrayList<>(List.of(new PriceLevel(10, 1), new PriceLevel(9, 1)));
        OrderBookEvent book = new OrderBookEvent(TS, "ES", bids, List.of(new PriceLevel(11, 1)));
        bids.clear();
        assertThat(book.bids()).hasSize(2);
        assertThatThrownBy(() -> book.bids().add(new PriceLevel(1, 1))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(book.bestBid()).isEqualTo(new PriceLevel(10, 1));
        assertThat(book.bestAsk()).isEqualTo(new PriceLevel(11, 1));

        assertThatThrownBy(() -> new OrderBookEvent(TS, "ES", List.of(new PriceLevel(9, 1), new PriceLevel(10, 1)), List.of()))
                .hasMessage("OrderBookEvent.bids must be in strictly descending price order but bids[1].price was 10.0 after 9.0");
        assertThatThrownBy(() -> new OrderBookEvent(TS, "ES", List.of(), List.of(new PriceLevel(11, 1), new PriceLevel(10, 1))))
                .hasMessage("OrderBookEvent.asks must be in strictly ascending price order but asks[1].price was 10.0 after 11.0");
        assertThatThrownBy(() -> new OrderBookEvent(TS, "ES", List.of(new PriceLevel(12, 1)), List.of(new PriceLevel(11, 1))))
                .hasMessageContaining("OrderBookEvent.bidPrice must not be above askPrice");
        List<PriceLevel> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new OrderBookEvent(TS, "ES", withNull, List.of()))
                .isInstanceOf(NullPointerException.class).hasMessage("OrderBookEvent.bids[0] must not be null");
        assertThatThrownBy(() -> new PriceLevel(0, 1)).hasMessage("PriceLevel.price must be finite and > 0 but was 0.0");
        assertThatThrownBy(() -> new PriceLevel(1, -1)).hasMessage("PriceLevel.size must be finite and >= 0 but was -1.0");
    }

    @Test
    void featureAndMetricsMapsAreCheckedByNameAndCopied() {
        Map<String, Double> features = new HashMap<>(Map.of("mid", 1.0));
        FeatureEvent event = new FeatureEvent(TS, "ES", features);
        features.put("spread", 2.0);
        assertThat(event.features()).containsOnlyKeys("mid");
        assertThat(event.feature("spread", -1.0)).isEqualTo(-1.0);
        assertThatThrownBy(() -> new FeatureEvent(TS, "ES", Map.of("vol", Double.NaN)))
                .hasMessage("FeatureEvent.features['vol'] must be finite but was NaN");
        assertThatThrownBy(() -> new MetricsEvent(TS, "pnl", Map.of(" ", 1.0)))
                .hasMessage("MetricsEvent.values must not have a null or blank name but had ' '");
        assertThatThrownBy(() -> new MetricsEvent(TS, "", Map.of()))
                .hasMessage("MetricsEvent.source must not be blank but was ''");
    }

    @Test
    void signalsAndPredictionsCheckTheirRanges() {
        assertThatThrownBy(() -> new SignalEvent(TS, 1, "s", "ES", Side.BUY, 1.5, 1, 1))
                .hasMessage("SignalEvent.strength must be within [0.0, 1.0] but was 1.5");
        assertThatThrownBy(() -> new SignalEvent(TS, 0, "s", "ES", Side.BUY, 0.5, 1, 1))
                .hasMessage("SignalEvent.signalId must be > 0 but was 0");
        assertThatThrownBy(() -> new SignalEvent(TS, 1, "s", "ES", null, 0.5, 1, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("SignalEvent.side must not be null");
        assertThatThrownBy(() -> new SignalEvent(TS, 1, "s", "ES", Side.SELL, 0.5, 0, 1))
                .hasMessage("SignalEvent.quantity must be finite and > 0 but was 0.0");
        assertThatThrownBy(() -> new PredictionEvent(TS, "m", "ES", Duration.ofSeconds(-1), 0.1, 0.5))
                .hasMessage("PredictionEvent.horizon must be positive but was PT-1S");
        assertThatThrownBy(() -> new PredictionEvent(TS, "m", "ES", Duration.ofSeconds(1), Double.NaN, 0.5))
                .hasMessage("PredictionEvent.predictedReturn must be finite but was NaN");
        assertThatThrownBy(() -> new PredictionEvent(TS, "m", "ES", Duration.ofSeconds(1), 0.1, -0.1))
                .hasMessage("PredictionEvent.confidence must be within [0.0, 1.0] but was -0.1");
    }

    @Test
    void riskDecisionsCheckTheSignalAndQuantity() {
        assertThatThrownBy(() -> new ApprovedSignalEvent(TS, SIGNAL, 3.0))
                .hasMessage("ApprovedSignalEvent.approvedQuantity must not exceed the signal's quantity 2.0 but was 3.0");
        assertThatThrownBy(() -> new ApprovedSignalEvent(TS, null, 1.0))
                .isInstanceOf(NullPointerException.class).hasMessage("ApprovedSignalEvent.signal must not be null");
        assertThatThrownBy(() -> new RejectedSignalEvent(TS, SIGNAL, null, ""))
                .isInstanceOf(NullPointerException.class).hasMessage("RejectedSignalEvent.reason must not be null");
        assertThatThrownBy(() -> new RejectedSignalEvent(TS, SIGNAL, RiskRejectReason.OTHER, null))
                .isInstanceOf(NullPointerException.class).hasMessage("RejectedSignalEvent.detail must not be null");
    }

    @Test
    void ordersCheckPricesAgainstTheirType() {
        assertThatThrownBy(() -> new OrderEvent(TS, 1, 0, "ES", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 1, 0, 0))
                .hasMessage("OrderEvent.limitPrice must be > 0 for a LIMIT order but was 0.0");
        assertThatThrownBy(() -> new OrderEvent(TS, 1, 0, "ES", Side.BUY, OrderType.MARKET, TimeInForce.IMMEDIATE_OR_CANCEL, 1, 5, 0))
                .hasMessage("OrderEvent.limitPrice must be 0 for a MARKET order but was 5.0");
        assertThatThrownBy(() -> new OrderEvent(TS, 1, 0, "ES", Side.BUY, OrderType.STOP_LIMIT, TimeInForce.DAY, 1, 5, 0))
                .hasMessage("OrderEvent.stopPrice must be > 0 for a STOP_LIMIT order but was 0.0");
        assertThatThrownBy(() -> new OrderEvent(TS, 0, 0, "ES", Side.BUY, OrderType.MARKET, TimeInForce.DAY, 1, 0, 0))
                .hasMessage("OrderEvent.orderId must be > 0 but was 0");
        assertThatThrownBy(() -> new OrderEvent(TS, 1, -1, "ES", Side.BUY, OrderType.MARKET, TimeInForce.DAY, 1, 0, 0))
                .hasMessage("OrderEvent.signalId must be >= 0 but was -1");
        assertThatThrownBy(() -> new OrderEvent(TS, 1, 0, "ES", Side.BUY, OrderType.MARKET, null, 1, 0, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("OrderEvent.timeInForce must not be null");
        assertThat(new OrderEvent(TS, 1, 0, "ES", Side.SELL, OrderType.STOP, TimeInForce.GOOD_TILL_CANCEL, 1, 0, 9).stopPrice())
                .isEqualTo(9.0);
    }

    @Test
    void fillsAndUpdatesCheckTheirQuantities() {
        assertThatThrownBy(() -> new FillEvent(TS, 1, 1, "ES", Side.BUY, 0, 1, 0, Liquidity.MAKER, 0))
                .hasMessage("FillEvent.quantity must be finite and > 0 but was 0.0");
        assertThatThrownBy(() -> new FillEvent(TS, 1, 1, "ES", Side.BUY, 1, 1, Double.NaN, Liquidity.MAKER, 0))
                .hasMessage("FillEvent.fee must be finite but was NaN");
        assertThatThrownBy(() -> new FillEvent(TS, 1, 1, "ES", Side.BUY, 1, 1, 0, null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("FillEvent.liquidity must not be null");
        assertThat(new FillEvent(TS, 1, 1, "ES", Side.BUY, 2, 3, -0.1, Liquidity.MAKER, 0).notional()).isEqualTo(6.0);
        assertThatThrownBy(() -> new OrderUpdateEvent(TS, 1, "ES", OrderStatus.NEW, -1, 1, 0, ""))
                .hasMessage("OrderUpdateEvent.filledQuantity must be finite and >= 0 but was -1.0");
        assertThatThrownBy(() -> new OrderUpdateEvent(TS, 1, "ES", null, 0, 1, 0, ""))
                .isInstanceOf(NullPointerException.class).hasMessage("OrderUpdateEvent.status must not be null");
        assertThat(OrderStatus.FILLED.isTerminal()).isTrue();
        assertThat(OrderStatus.PARTIALLY_FILLED.isTerminal()).isFalse();
    }

    @Test
    void systemEventsCheckTheirFields() {
        assertThatThrownBy(() -> new PerformanceEvent(TS, "bus", 1, 10, 5, 20, 0))
                .hasMessage("PerformanceEvent latencies must satisfy p50 <= p99 <= max but were p50=10 p99=5 max=20");
        assertThatThrownBy(() -> new PerformanceEvent(TS, "bus", -1, 1, 2, 3, 0))
                .hasMessage("PerformanceEvent.eventsPerSecond must be finite and >= 0 but was -1.0");
        assertThatThrownBy(() -> new ConfigEvent(TS, "risk", "", "", "1"))
                .hasMessage("ConfigEvent.key must not be blank but was ''");
        assertThatThrownBy(() -> new ConfigEvent(TS, "risk", "k", null, "1"))
                .isInstanceOf(NullPointerException.class).hasMessage("ConfigEvent.previousValue must not be null");
        assertThatThrownBy(() -> new HealthEvent(TS, "feed", null, ""))
                .isInstanceOf(NullPointerException.class).hasMessage("HealthEvent.status must not be null");
        assertThatThrownBy(() -> new ErrorEvent(TS, "exec", Severity.FATAL, " ", "m"))
                .hasMessage("ErrorEvent.errorType must not be blank but was ' '");
        assertThatThrownBy(() -> new ErrorEvent(TS, "exec", null, "X", "m"))
                .isInstanceOf(NullPointerException.class).hasMessage("ErrorEvent.severity must not be null");
    }

    @Test
    void sidesKnowTheirSignAndOpposite() {
        assertThat(Side.BUY.sign()).isEqualTo(1);
        assertThat(Side.SELL.sign()).isEqualTo(-1);
        assertThat(Side.BUY.opposite()).isEqualTo(Side.SELL);
    }
}
