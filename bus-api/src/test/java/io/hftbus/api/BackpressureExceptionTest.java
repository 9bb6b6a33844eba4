package io.hftbus.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.event.EventType;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackpressureExceptionTest {

    private static BackpressureException refusal(EventType type) {
        return new BackpressureException("tight", Priority.CRITICAL, 2, type, BackpressureException.Cause.LANE_FULL);
    }

    @Test
    void theMessageNamesTheBusTheLaneTheTypeAndTheCause() {
        assertThat(new BackpressureException("md", Priority.HIGH, 16_384, EventType.MARKET_DATA,
                BackpressureException.Cause.TIMED_OUT))
                .hasMessage("bus 'md' lane HIGH (capacity 16384) refused a MARKET_DATA event:"
                        + " lane stayed full for the block timeout");
        assertThat(refusal(EventType.ORDER))
                .hasMessage("bus 'tight' lane CRITICAL (capacity 2) refused an ORDER event: lane full, policy FAIL_FAST");
    }

    @Test
    void theArticleFitsEveryTypeName() {
        Set<EventType> an = EnumSet.of(EventType.AGGREGATED_DATA, EventType.APPROVED_SIGNAL, EventType.ORDER,
                EventType.ORDER_UPDATE, EventType.ORDER_BOOK, EventType.ERROR);
        for (EventType type : EventType.values()) {
            assertThat(refusal(type)).hasMessageContaining("refused " + (an.contains(type) ? "an " : "a ") + type + " event");
        }
    }
}
