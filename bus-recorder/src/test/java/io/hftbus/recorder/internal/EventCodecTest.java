package io.hftbus.recorder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.event.ErrorEvent;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.Severity;
import io.hftbus.testing.SampleEvents;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    @Test
    void everyTypeRoundTripsWithOrdinaryValues() {
        for (Event event : SampleEvents.oneOfEach()) {
            assertThat(roundTrip(event)).as(event.type().name()).isEqualTo(event);
        }
    }

    @Test
    void everyTypeRoundTripsAtTheEdgesOfItsRecord() {
        for (Event event : SampleEvents.edgeCases()) {
            // Record equality compares doubles as Double.compare does: -0.0 differs from 0.0.
            assertThat(roundTrip(event)).as(event.type().name()).isEqualTo(event);
        }
    }

    @Test
    void negativeZeroAndSubnormalsKeepTheirExactBits() {
        MarketDataEvent event = new MarketDataEvent(1, "X", -0.0, Double.MIN_VALUE, 0, 0, 0, 0);
        MarketDataEvent decoded = (MarketDataEvent) roundTrip(event);
        assertThat(Double.doubleToRawLongBits(decoded.price())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(decoded.volume()).isEqualTo(Double.MIN_VALUE);
    }

    @Test
    void anUnpairedSurrogateIsWrittenAsAQuestionMarkLikeGetBytes() {
        String lone = "lone\uD800surrogate";
        ErrorEvent decoded = (ErrorEvent) roundTrip(new ErrorEvent(1, "c", Severity.ERROR, "E", lone));
        assertThat(decoded.message()).isEqualTo(new String(lone.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("lone?surrogate");
    }

    @Test
    void leftoverBytesAreRefused() {
        Event event = SampleEvents.esTick(1);
        ByteBuffer buffer = ByteBuffer.allocate(EventCodec.encodedSize(event) + 1);
        EventCodec.encode(event, buffer);
        buffer.put((byte) 0).flip();
        assertThatThrownBy(() -> EventCodec.decode(EventType.MARKET_DATA, buffer))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 bytes left over");
    }

    @Test
    void aCountLargerThanTheBytesLeftIsRefusedBeforeAllocating() {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        buffer.putLong(1).putInt(1).put((byte) 'X').putInt(Integer.MAX_VALUE).flip();
        assertThatThrownBy(() -> EventCodec.decode(EventType.ORDER_BOOK, buffer))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count must be within");
    }

    @Test
    void anUnknownEnumOrdinalIsRefused() {
        Event event = SampleEvents.oneOfEach().get(EventType.HEALTH.ordinal());
        ByteBuffer buffer = ByteBuffer.allocate(EventCodec.encodedSize(event));
        EventCodec.encode(event, buffer);
        int statusAt = 8 + 4 + "gateway".length();
        buffer.put(statusAt, (byte) 77).flip();
        assertThatThrownBy(() -> EventCodec.decode(EventType.HEALTH, buffer))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HealthStatus ordinal");
    }

    private static Event roundTrip(Event event) {
        int size = EventCodec.encodedSize(event);
        ByteBuffer buffer = ByteBuffer.allocate(size + 16);
        buffer.position(7); // not at the start of the array, as in the journal's buffer
        EventCodec.encode(event, buffer);
        assertThat(buffer.position() - 7).as("bytes written for %s", event.type()).isEqualTo(size);
        buffer.flip().position(7);
        return EventCodec.decode(event.type(), buffer);
    }
}
