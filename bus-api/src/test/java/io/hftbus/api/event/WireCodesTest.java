package io.hftbus.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The wire codes are permanent: this test holds the table that journals and peers depend on (the
 * one in docs/journal-format.md). A code that changes fails here; a new constant adds its line.
 */
class WireCodesTest {

    /** Every coded enum of the event package with its constants' codes, as they stand forever. */
    private static final Map<Class<? extends Enum<?>>, String> CODES = new LinkedHashMap<>();

    static {
        CODES.put(EventType.class, "MARKET_DATA=0 AGGREGATED_DATA=1 ORDER_BOOK=2 FEATURE=3 SIGNAL=4 PREDICTION=5"
                + " APPROVED_SIGNAL=6 REJECTED_SIGNAL=7 ORDER=8 FILL=9 ORDER_UPDATE=10 METRICS=11 PERFORMANCE=12"
                + " CONFIG=13 HEALTH=14 ERROR=15");
        CODES.put(Side.class, "BUY=0 SELL=1");
        CODES.put(OrderType.class, "MARKET=0 LIMIT=1 STOP=2 STOP_LIMIT=3");
        CODES.put(TimeInForce.class, "DAY=0 GOOD_TILL_CANCEL=1 IMMEDIATE_OR_CANCEL=2 FILL_OR_KILL=3");
        CODES.put(OrderStatus.class, "PENDING_NEW=0 NEW=1 PARTIALLY_FILLED=2 FILLED=3 CANCELLED=4 REJECTED=5"
                + " EXPIRED=6");
        CODES.put(Liquidity.class, "MAKER=0 TAKER=1");
        CODES.put(RiskRejectReason.class, "POSITION_LIMIT=0 ORDER_SIZE_LIMIT=1 NOTIONAL_LIMIT=2 LOSS_LIMIT=3"
                + " TRADING_HALTED=4 SYMBOL_NOT_ALLOWED=5 STALE_SIGNAL=6 OTHER=7");
        CODES.put(HealthStatus.class, "HEALTHY=0 DEGRADED=1 UNHEALTHY=2");
        CODES.put(Severity.class, "WARNING=0 ERROR=1 FATAL=2");
    }

    @Test
    void everyConstantKeepsItsPermanentCode() {
        for (Map.Entry<Class<? extends Enum<?>>, String> entry : CODES.entrySet()) {
            String actual = Arrays.stream(entry.getKey().getEnumConstants())
                    .map(constant -> constant.name() + "=" + ((WireCoded) constant).wireCode())
                    .sorted().collect(Collectors.joining(" "));
            String expected = Arrays.stream(entry.getValue().split(" ")).sorted().collect(Collectors.joining(" "));
            assertThat(actual).as(entry.getKey().getSimpleName()).isEqualTo(expected);
        }
    }

    @Test
    void everyEnumOfTheEventPackageHasCodesUniqueAndWithinRange() {
        Set<Class<?>> enums = new HashSet<>();
        Set<Class<?>> tabled = new HashSet<>(CODES.keySet());
        for (EventType type : EventType.values()) {
            for (var component : type.eventClass().getRecordComponents()) {
                if (component.getType().isEnum()) {
                    enums.add(component.getType());
                }
            }
        }
        enums.add(EventType.class);
        assertThat(tabled).as("every enum an event holds is in the table").containsAll(enums);
        for (Class<? extends Enum<?>> type : CODES.keySet()) {
            assertThat(WireCoded.class).as(type.getSimpleName()).isAssignableFrom(type);
            List<Integer> codes = Arrays.stream(type.getEnumConstants()).map(c -> ((WireCoded) c).wireCode())
                    .collect(Collectors.toList());
            assertThat(codes).as(type.getSimpleName()).doesNotHaveDuplicates()
                    .allSatisfy(code -> assertThat(code).isBetween(0, type == EventType.class ? 65_535 : 255));
        }
    }

    @Test
    void aTypeIsFoundByItsCodeAndAnUnknownCodeIsNamed() {
        for (EventType type : EventType.values()) {
            assertThat(EventType.ofWireCode(type.wireCode())).isSameAs(type);
        }
        assertThatThrownBy(() -> EventType.ofWireCode(999)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wire code 999");
    }
}
