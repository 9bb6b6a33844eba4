package io.hftbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.event.EventType;
import io.hftbus.testing.SampleEvents;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {

    @Test
    void defaultsKeepOrdersAndFillsFromBeingDroppedAndMarketDataFromStalling() {
        BusConfig config = BusConfig.defaults();
        assertThat(config.lane(Priority.CRITICAL).backpressure()).isEqualTo(BackpressurePolicy.BLOCK);
        assertThat(config.lane(Priority.HIGH).backpressure()).isEqualTo(BackpressurePolicy.DROP_NEWEST);
        assertThat(config.lane(Priority.NORMAL).backpressure()).isEqualTo(BackpressurePolicy.BLOCK);
        assertThat(config.lane(Priority.LOW).backpressure()).isEqualTo(BackpressurePolicy.DROP_NEWEST);
        assertThat(EventType.ORDER.defaultPriority()).isEqualTo(Priority.CRITICAL);
        assertThat(EventType.FILL.defaultPriority()).isEqualTo(Priority.CRITICAL);
        assertThat(EventType.MARKET_DATA.defaultPriority()).isEqualTo(Priority.HIGH);
        assertThat(config.lane(Priority.LOW).capacity()).isEqualTo(10_000);
        assertThat(config.waitStrategy()).isEqualTo(WaitStrategy.BACKOFF);
        assertThat(config.dispatchMode()).isEqualTo(DispatchMode.SINGLE_THREAD);
    }

    @Test
    void builderRejectsBadSettingsNamingThem() {
        assertThatThrownBy(() -> EventBus.builder().laneCapacity(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LaneConfig.capacity must be within [2, 1073741824] but was 0");
        assertThatThrownBy(() -> EventBus.builder().laneCapacity(Priority.HIGH, -4))
                .hasMessage("LaneConfig.capacity must be within [2, 1073741824] but was -4");
        assertThatThrownBy(() -> EventBus.builder().name(" ").config())
                .hasMessage("BusConfig.name must not be null or blank but was ' '");
        assertThatThrownBy(() -> EventBus.builder().blockTimeout(Duration.ZERO).config())
                .hasMessage("BusConfig.blockTimeout must be positive but was PT0S");
        assertThatThrownBy(() -> EventBus.builder().shutdownTimeout(Duration.ofMillis(-1)).config())
                .hasMessage("BusConfig.shutdownTimeout must be positive but was PT-0.001S");
        assertThatThrownBy(() -> EventBus.builder().waitStrategy(null).config())
                .isInstanceOf(NullPointerException.class).hasMessage("BusConfig.waitStrategy must not be null");
        assertThatThrownBy(() -> EventBus.builder().backpressure(Priority.LOW, null))
                .isInstanceOf(NullPointerException.class).hasMessage("LaneConfig.backpressure must not be null");
        assertThatThrownBy(() -> EventBus.builder().observer(null))
                .isInstanceOf(NullPointerException.class).hasMessage("observer must not be null");
    }

    @Test
    void configRequiresEveryLane() {
        assertThatThrownBy(() -> new BusConfig("b", Map.of(Priority.HIGH, new LaneConfig(8, BackpressurePolicy.BLOCK)),
                WaitStrategy.BLOCKING, DispatchMode.SINGLE_THREAD, null, Duration.ofSeconds(1), Duration.ofSeconds(1), true,
                java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("BusConfig.lanes must configure every priority but CRITICAL is missing");
    }

    @Test
    void envelopeValidates() {
        assertThatThrownBy(() -> new Envelope<>(-1, 0, Priority.LOW, SampleEvents.tick(1)))
                .hasMessage("Envelope.sequence must be >= 0 but was -1");
        assertThatThrownBy(() -> new Envelope<>(0, 0, null, SampleEvents.tick(1)))
                .hasMessage("Envelope.priority must not be null");
        assertThat(new Envelope<>(0, 0, Priority.LOW, SampleEvents.tick(1)).type()).isEqualTo(EventType.MARKET_DATA);
        assertThatThrownBy(() -> new Envelope<>(0, 0, Priority.LOW, SampleEvents.tick(1), -1))
                .hasMessage("Envelope.origin must be >= 0 but was -1");
        assertThat(new Envelope<>(0, 0, Priority.LOW, SampleEvents.tick(1)).isLocal()).isTrue();
        assertThat(new Envelope<>(0, 0, Priority.LOW, SampleEvents.tick(1), 3).origin()).isEqualTo(3);
    }

    @Test
    void buildWithoutAnImplementationSaysWhatIsMissing() {
        // bus-api's own tests have no provider on the path.
        assertThatThrownBy(() -> EventBus.builder().name("lonely").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bus 'lonely'").hasMessageContaining("io.hftbus.core");
    }
}
