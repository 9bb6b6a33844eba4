package io.hftbus.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.codec.CodecException;
import io.hftbus.testing.SampleEvents;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WireFrameTest {

    /** The wire format, fixed: a change here breaks every bridge of an older version. */
    @Test
    void theBytesOfAFrameAreFixed() {
        MarketDataEvent tick = new MarketDataEvent(1L, "ES", 6000.0, 10, 5999.5, 5, 6000.5, 5);
        byte[] bytes = WireFrame.encode(new Envelope<>(7, 123, Priority.HIGH, tick), 0x0102030405060708L,
                0x1122334455667788L);
        String hex = HexFormat.of().formatHex(bytes);
        assertThat(hex.substring(0, 2 * WireFrame.HEADER_BYTES))
                .isEqualTo("01" + "01" + "0102030405060708" + "0000000000000007" + "1122334455667788");
        assertThat(hex.substring(2 * WireFrame.HEADER_BYTES, 2 * WireFrame.HEADER_BYTES + 4)).as("type code").isEqualTo("0000");
        assertThat(Arrays.copyOfRange(bytes, WireFrame.HEADER_BYTES, bytes.length))
                .as("the event, as the journal's codec writes it")
                .isEqualTo(io.hftbus.codec.EventCodec.standard().toBytes(tick));
        assertThat(hex).isEqualTo("0101010203040506070800000000000000071122334455667788"
                + "0000" + "0000000000000001" + "00000002" + "4553" + "40b7700000000000" + "4024000000000000"
                + "40b76f8000000000" + "4014000000000000" + "40b7708000000000" + "4014000000000000");
    }

    @Test
    void everyTypeRoundTrips() {
        for (EventType type : EventType.values()) {
            WireFrame frame = new WireFrame(Priority.CRITICAL, -5, 99, Envelope.NOT_STAMPED, SampleEvents.of(type, 3));
            assertThat(WireFrame.decode(frame.toBytes())).isEqualTo(frame);
        }
    }

    @Test
    void bytesThatAreNoFrameFailNamingTheField() {
        byte[] good = new WireFrame(Priority.LOW, 1, 2, 3, SampleEvents.esTick(1)).toBytes();
        assertThatThrownBy(() -> WireFrame.decode(new byte[3])).isInstanceOf(CodecException.class)
                .hasMessageContaining("at least 28 bytes");
        byte[] version = good.clone();
        version[0] = 9;
        assertThatThrownBy(() -> WireFrame.decode(version)).hasMessageContaining("frame.version")
                .hasMessageContaining("9");
        byte[] priority = good.clone();
        priority[1] = 7;
        assertThatThrownBy(() -> WireFrame.decode(priority)).hasMessageContaining("frame.priority");
        byte[] longer = Arrays.copyOf(good, good.length + 2);
        assertThatThrownBy(() -> WireFrame.decode(longer)).hasMessageContaining("2 bytes left over");
        byte[] type = good.clone();
        type[WireFrame.HEADER_BYTES] = (byte) 0x7f;
        assertThatThrownBy(() -> WireFrame.decode(type)).isInstanceOf(CodecException.class)
                .hasMessageContaining("no event type has this code");
    }
}
