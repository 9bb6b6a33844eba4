package io.hftbus.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.Priority;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.HealthEvent;
import io.hftbus.api.event.HealthStatus;
import io.hftbus.testing.SampleEvents;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = EventCodec.standard();

    @Test
    void everyTypeRoundTripsWithOrdinaryAndEdgeValuesInExactlyItsComputedSize() {
        List<Event> events = new ArrayList<>(SampleEvents.oneOfEach());
        events.addAll(SampleEvents.edgeCases());
        for (Event event : events) {
            int size = codec.encodedSize(event);
            ByteBuffer buffer = ByteBuffer.allocate(size + 9);
            buffer.position(9); // not at the start of the array, as in a journal's buffer
            codec.encode(event, buffer);
            assertThat(buffer.position() - 9).as("bytes written for %s", event.type()).isEqualTo(size);
            buffer.flip().position(9);
            assertThat(buffer.getShort(9)).as("the type code leads").isEqualTo((short) event.type().wireCode());
            // Record equality compares doubles as Double.compare does: -0.0 differs from 0.0, NaNs by bits.
            assertThat(codec.decode(buffer)).as(event.type().name()).isEqualTo(event);
            assertThat(buffer.hasRemaining()).isFalse();
            assertThat(codec.fromBytes(codec.toBytes(event))).isEqualTo(event);
        }
    }

    @Test
    void everyTypeHasASchemaAndTheDecoderOfTheCurrentSchemasReadsWhatTheCodecWrites() {
        assertThat(codec.schemas()).containsOnlyKeys(EventType.values());
        java.util.Map<Integer, RecordSchema> byCode = new java.util.HashMap<>();
        codec.schemas().forEach((type, schema) -> byCode.put(type.wireCode(), schema));
        EventDecoder decoder = codec.decoder(byCode);
        for (Event event : SampleEvents.oneOfEach()) {
            assertThat(decoder.decode(ByteBuffer.wrap(codec.toBytes(event)))).isEqualTo(event);
        }
        assertThat(codec.schema(EventType.APPROVED_SIGNAL).fields()).extracting(f -> f.kind().describe())
                .containsExactly("LONG", "RECORD SignalEvent", "DOUBLE");
    }

    @Test
    void anUnknownTypeCodeFailsNamingIt() {
        byte[] bytes = codec.toBytes(SampleEvents.esTick(1));
        bytes[0] = 0x12;
        assertThatThrownBy(() -> codec.fromBytes(bytes)).isInstanceOf(CodecException.class)
                .satisfies(e -> assertThat(((CodecException) e).typeCode()).isEqualTo(0x1200))
                .hasMessageContaining("type code 4608").hasMessageContaining("no event type has this code");
    }

    @Test
    void badBytesOfAKnownTypeFailNamingTheTypeCodeFieldAndOffset() {
        Event health = new HealthEvent(1, "gw", HealthStatus.DEGRADED, "");
        byte[] bytes = codec.toBytes(health);
        int statusAt = 2 + 8 + 4 + 2;
        bytes[statusAt] = 77;
        assertThatThrownBy(() -> codec.fromBytes(bytes)).isInstanceOf(CodecException.class)
                .hasMessage("type code 14, field HealthEvent.status, offset 16, HealthStatus has no constant with wire"
                        + " code 77");
        byte[] leftover = java.util.Arrays.copyOf(codec.toBytes(health), bytes.length + 1);
        assertThatThrownBy(() -> codec.fromBytes(leftover)).hasMessageContaining("1 bytes left over");
        byte[] refused = codec.toBytes(health);
        refused[2 + 8 + 4] = ' '; // component "gw" becomes " w": blank, which HealthEvent refuses
        refused[2 + 8 + 4 + 1] = ' ';
        assertThatThrownBy(() -> codec.fromBytes(refused)).hasMessageContaining("type code 14")
                .hasMessageContaining("the record refuses the values read: HealthEvent.component must not be blank");
    }

    @Test
    void priorityCodesArePermanent() {
        assertThat(List.of(WireCodes.priorityCode(Priority.CRITICAL), WireCodes.priorityCode(Priority.HIGH),
                WireCodes.priorityCode(Priority.NORMAL), WireCodes.priorityCode(Priority.LOW)))
                .containsExactly(0, 1, 2, 3);
        for (Priority priority : Priority.values()) {
            assertThat(WireCodes.priority(WireCodes.priorityCode(priority))).isEqualTo(priority);
        }
        assertThatThrownBy(() -> WireCodes.priority(4)).hasMessageContaining("no priority has wire code 4");
    }
}
