package io.hftbus.api.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.event.EventType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayOptionsTest {

    @Test
    void anySetIsAcceptedIncludingTheImmutableOnesThatRefuseContainsNull() {
        assertThat(ReplayOptions.asFastAsPossible().onlyTypes(Set.of(EventType.ORDER)).types())
                .containsExactly(EventType.ORDER);
        assertThat(new ReplayOptions(1.0, Set.of(EventType.ORDER, EventType.FILL)).types())
                .containsExactlyInAnyOrder(EventType.ORDER, EventType.FILL);
        ReplayOptions options = ReplayOptions.atRecordedPace().onlyTypes(EventType.FILL);
        assertThat(options.onlyTypes(options.types()).types()).containsExactly(EventType.FILL);
    }

    @Test
    void aNullElementIsRefusedWithAMessage() {
        Set<EventType> withNull = new HashSet<>(Arrays.asList(EventType.ORDER, null));
        assertThatThrownBy(() -> new ReplayOptions(1.0, withNull)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("ReplayOptions.types must not contain null");
        assertThatThrownBy(() -> new ReplayOptions(1.0, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("ReplayOptions.types must not be null");
    }
}
