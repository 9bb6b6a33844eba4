package io.hftbus.bench.journal;

import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.codec.EventCodec;
import io.hftbus.testing.SampleEvents;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding and decoding one event of each type: the codec derived from the records
 * ({@code derived*}) beside the hand-written straight-line codec that a compile-time generator
 * would emit ({@code handWritten*}), writing the same bytes. Run with {@code -prof gc} for the
 * allocation per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    /** The event type. */
    @Param({"MARKET_DATA", "AGGREGATED_DATA", "ORDER_BOOK", "FEATURE", "SIGNAL", "PREDICTION", "APPROVED_SIGNAL",
            "REJECTED_SIGNAL", "ORDER", "FILL", "ORDER_UPDATE", "METRICS", "PERFORMANCE", "CONFIG", "HEALTH", "ERROR"})
    public String type;

    private final EventCodec codec = EventCodec.standard();
    private Event event;
    private ByteBuffer out;
    private ByteBuffer encoded;
    private ByteBuffer encodedBody;

    @Setup
    public void setUp() {
        event = SampleEvents.of(EventType.valueOf(type), 7);
        out = ByteBuffer.allocate(4096);
        encoded = ByteBuffer.wrap(codec.toBytes(event));
        encodedBody = encoded.duplicate().position(EventCodec.TYPE_CODE_BYTES).slice();
        ByteBuffer check = ByteBuffer.allocate(HandWrittenCodec.encodedSize(event));
        HandWrittenCodec.encode(event, check);
        if (!check.flip().equals(encodedBody)) {
            throw new IllegalStateException("the two codecs do not write the same bytes for " + type);
        }
    }

    @Benchmark
    public int derivedEncode() {
        out.clear();
        codec.encode(event, out);
        return out.position();
    }

    @Benchmark
    public Event derivedDecode() {
        return codec.decode(encoded.clear());
    }

    @Benchmark
    public int handWrittenEncode() {
        out.clear();
        out.putShort((short) event.type().wireCode());
        HandWrittenCodec.encode(event, out);
        return out.position();
    }

    @Benchmark
    public Event handWrittenDecode() {
        ByteBuffer in = encoded.clear();
        int code = in.getShort();
        return HandWrittenCodec.decode(EventType.ofWireCode(code), in);
    }
}
