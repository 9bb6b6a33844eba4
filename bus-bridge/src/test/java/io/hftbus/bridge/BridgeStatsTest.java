package io.hftbus.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bridge's counters as a named group, the shape a monitor or a registry shows. */
class BridgeStatsTest {

    @Test
    void countersNameEveryComponentInOrderWithItsValue() throws Exception {
        RecordComponent[] components = BridgeStats.class.getRecordComponents();
        // Every counter a value of its own: 10, 20, ... in declaration order.
        BridgeStats stats = new BridgeStats(10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170);

        Map<String, Long> counters = stats.counters();

        assertThat(counters.keySet()).containsExactly(
                Arrays.stream(components).map(RecordComponent::getName).toArray(String[]::new));
        for (RecordComponent component : components) {
            assertThat(counters.get(component.getName())).as(component.getName())
                    .isEqualTo(component.getAccessor().invoke(stats));
        }
        assertThatThrownBy(() -> counters.put("sent", 0L)).isInstanceOf(UnsupportedOperationException.class);
    }
}
