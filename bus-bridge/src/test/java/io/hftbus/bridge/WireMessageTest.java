package io.hftbus.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import io.hftbus.api.event.EventType;
import io.hftbus.codec.CodecException;
import io.hftbus.testing.SampleEvents;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireMessageTest {

    private static WireFrame frame(long sequence) {
        return new WireFrame(Priority.values()[(int) (sequence % 4)], 0xABCDL, sequence, 1_000 + sequence,
                SampleEvents.of(EventType.FILL, (int) sequence));
    }

    @Test
    void aBatchGivesBackItsFramesInOrder() {
        List<WireFrame> frames = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            frames.add(frame(i));
            bytes.add(frames.get(i).toBytes());
        }
        byte[] batch = WireMessage.pack(bytes);

        assertThat(WireMessage.isBatch(batch)).isTrue();
        assertThat(WireMessage.frames(batch)).containsExactlyElementsOf(frames);
        int frameBytes = bytes.stream().mapToInt(b -> b.length).sum();
        assertThat(batch).hasSize(WireMessage.batchSize(5, frameBytes));
    }

    /** The batch format, fixed: a change here breaks every bridge of an older version. */
    @Test
    void theBytesOfABatchAreFixed() {
        byte[] first = frame(1).toBytes();
        byte[] second = frame(2).toBytes();
        String hex = HexFormat.of().formatHex(WireMessage.pack(List.of(first, second)));
        String expected = "02" + "0002"
                + String.format("%08x", first.length) + HexFormat.of().formatHex(first)
                + String.format("%08x", second.length) + HexFormat.of().formatHex(second);
        assertThat(hex).isEqualTo(expected);
    }

    @Test
    void aSingleFrameIsAMessageOfOneFrame() {
        WireFrame frame = frame(7);
        byte[] bytes = frame.toBytes();
        assertThat(WireMessage.isBatch(bytes)).isFalse();
        assertThat(WireMessage.frames(bytes)).containsExactly(frame);
    }

    @Test
    void aBrokenBatchNamesWhatIsWrongAndWhere() {
        byte[] good = frame(1).toBytes();

        assertThatThrownBy(() -> WireMessage.frames(new byte[] {2, 0})).isInstanceOf(CodecException.class)
                .hasMessageContaining("batch.count");
        assertThatThrownBy(() -> WireMessage.frames(new byte[] {2, 0, 0})).hasMessageContaining("no frames");

        byte[] claimsTwo = WireMessage.pack(List.of(good));
        claimsTwo[2] = 2;
        assertThatThrownBy(() -> WireMessage.frames(claimsTwo)).hasMessageContaining("batch.frame[1].length")
                .hasMessageContaining("ends before frame 1 of 2");

        byte[] tooLong = WireMessage.pack(List.of(good));
        ByteBuffer.wrap(tooLong).putInt(WireMessage.BATCH_HEADER_BYTES, good.length + 1);
        assertThatThrownBy(() -> WireMessage.frames(tooLong)).hasMessageContaining("batch.frame[0].length")
                .hasMessageContaining("claims " + (good.length + 1) + " bytes");

        byte[] leftOver = ByteBuffer.allocate(WireMessage.pack(List.of(good)).length + 2)
                .put(WireMessage.pack(List.of(good))).array();
        assertThatThrownBy(() -> WireMessage.frames(leftOver)).hasMessageContaining("2 bytes left over after 1 frames");

        byte[] badVersion = good.clone();
        badVersion[0] = 7;
        byte[] withBadFrame = WireMessage.pack(List.of(good, badVersion));
        int secondAt = WireMessage.BATCH_HEADER_BYTES + 2 * WireMessage.LENGTH_BYTES + good.length;
        assertThatThrownBy(() -> WireMessage.frames(withBadFrame)).hasMessageContaining("batch.frame[1].frame.version")
                .hasMessageContaining("offset " + secondAt);
    }

    @Test
    void packingNothingOrTooMuchIsRefused() {
        assertThatThrownBy(() -> WireMessage.pack(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 65535 frames");
        byte[] tiny = WireFrame.encode(new Envelope<>(1, 1, Priority.HIGH, SampleEvents.esTick(1)), 1, 1);
        List<byte[]> many = new ArrayList<>();
        for (int i = 0; i <= WireMessage.MAX_BATCH_FRAMES; i++) {
            many.add(tiny);
        }
        assertThatThrownBy(() -> WireMessage.pack(many)).hasMessageContaining("given 65536");
    }
}
