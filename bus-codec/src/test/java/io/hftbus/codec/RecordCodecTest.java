package io.hftbus.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.codec.Specimens.Grade;
import io.hftbus.codec.Specimens.Leg;
import io.hftbus.codec.Specimens.Specimen;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The derivation is generic: a record that is none of the sixteen events, with every field kind. */
class RecordCodecTest {

    static final Specimen SPECIMEN = new Specimen(-2, 258, -0.0, true, "\u00e9\uD83D\uDE80", Grade.LOW,
            Duration.ofSeconds(3, 5), List.of(new Leg("X", 1.5), new Leg("", Double.MIN_VALUE)),
            Map.of("w", 0.25), new Leg("P", -1), List.of("a", ""), Map.of("V", new Leg("V", 2)),
            List.of(List.of(1, -1), List.of()));

    /** The bytes of {@link #SPECIMEN}, fixed for good: this is the layout the format promises. */
    static final String SPECIMEN_BYTES = ""
            + "fffffffffffffffe"                                  // id: long -2
            + "00000102"                                          // count: int 258
            + "8000000000000000"                                  // ratio: -0.0, raw bits
            + "01"                                                // live: true
            + "00000006" + "c3a9" + "f09f9a80"                    // name: UTF-8 length 6, é, U+1F680
            + "07"                                                // grade: LOW's code 7, not its ordinal 0
            + "0000000000000003" + "00000005"                     // window: 3 s 5 ns
            + "00000002"                                          // legs: 2
            + "00000001" + "58" + "3ff8000000000000"              //   X 1.5
            + "00000000" + "0000000000000001"                     //   "" MIN_VALUE
            + "00000001" + "00000001" + "77" + "3fd0000000000000" // weights: 1, w 0.25
            + "00000001" + "50" + "bff0000000000000"              // primary: P -1.0
            + "00000002" + "00000001" + "61" + "00000000"         // tags: a, ""
            + "00000001" + "00000001" + "56" + "00000001" + "56" + "4000000000000000" // byVenue: V -> V 2.0
            + "00000002" + "00000002" + "00000001" + "ffffffff" + "00000000"; // grid: [1, -1], []

    private final RecordCodec<Specimen> codec = RecordCodec.of(Specimen.class);

    @Test
    void aRecordOfEveryKindKeepsItsGoldenBytesAndRoundTrips() {
        ByteBuffer buffer = ByteBuffer.allocate(codec.encodedSize(SPECIMEN));
        codec.encode(SPECIMEN, buffer);
        assertThat(buffer.hasRemaining()).as("encodedSize is exact").isFalse();
        assertThat(HexFormat.of().formatHex(buffer.array())).isEqualTo(SPECIMEN_BYTES);

        Specimen back = codec.decode(ByteBuffer.wrap(HexFormat.of().parseHex(SPECIMEN_BYTES)));
        assertThat(back).isEqualTo(SPECIMEN);
        assertThat(Double.doubleToRawLongBits(back.ratio())).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void theSchemaDescribesEveryKindAndRoundTripsThroughItsBytes() {
        RecordSchema schema = codec.schema();
        assertThat(schema.fields()).extracting(f -> f.name() + " " + f.kind().describe()).containsExactly(
                "id LONG", "count INT", "ratio DOUBLE", "live BOOLEAN", "name STRING", "grade ENUM Grade",
                "window DURATION", "legs LIST<RECORD Leg>", "weights MAP<STRING, DOUBLE>", "primary RECORD Leg",
                "tags LIST<STRING>", "byVenue MAP<STRING, RECORD Leg>", "grid LIST<LIST<INT>>");
        ByteBuffer bytes = ByteBuffer.allocate(schema.encodedSize());
        schema.write(bytes);
        assertThat(bytes.hasRemaining()).isFalse();
        assertThat(RecordSchema.read(bytes.flip())).isEqualTo(schema);
    }

    @Test
    void buffersOfEveryKindWork() {
        ByteBuffer direct = ByteBuffer.allocateDirect(512);
        direct.position(3);
        codec.encode(SPECIMEN, direct);
        direct.flip().position(3);
        assertThat(codec.decode(direct)).isEqualTo(SPECIMEN);
        assertThatThrownBy(() -> codec.encode(SPECIMEN, ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("big-endian");
    }

    @Test
    void aKindTheCodecDoesNotKnowFailsAtDerivationNamingTheField() {
        assertThatThrownBy(() -> RecordCodec.of(Specimens.HoldsInstant.class)).isInstanceOf(CodecException.class)
                .hasMessageContaining("HoldsInstant.when").hasMessageContaining("java.time.Instant")
                .hasMessageContaining("is not a kind the codec knows");
        assertThatThrownBy(() -> RecordCodec.of(Specimens.HoldsUncoded.class)).isInstanceOf(CodecException.class)
                .hasMessageContaining("HoldsUncoded.value").hasMessageContaining("has no wire codes");
        assertThatThrownBy(() -> RecordCodec.of(Specimens.HoldsRawList.class)).isInstanceOf(CodecException.class)
                .hasMessageContaining("HoldsRawList.values").hasMessageContaining("type arguments");
        assertThatThrownBy(() -> RecordCodec.of(Specimens.Node.class)).isInstanceOf(CodecException.class)
                .hasMessageContaining("holds itself");
        assertThatThrownBy(() -> RecordCodec.of(Specimens.BadDefault.class)).isInstanceOf(CodecException.class)
                .hasMessageContaining("BadDefault.delay").hasMessageContaining("@WireDefault(\"soon\")");
    }

    @Test
    void valuesThatCannotBeEncodedFailNamingTheField() {
        RecordCodec<Specimens.HoldsNull> nulls = RecordCodec.of(Specimens.HoldsNull.class);
        assertThatThrownBy(() -> nulls.encode(new Specimens.HoldsNull(null), ByteBuffer.allocate(64)))
                .isInstanceOf(CodecException.class).hasMessageContaining("field HoldsNull.text")
                .hasMessageContaining("null");
        assertThatThrownBy(() -> nulls.encode(new Specimens.HoldsNull("half \uD83D"), ByteBuffer.allocate(64)))
                .isInstanceOf(CodecException.class).hasMessageContaining("field HoldsNull.text")
                .hasMessageContaining("unpaired surrogate \\uD83D at index 5");
        Specimen badLeg = new Specimen(1, 1, 1, false, "n", Grade.HIGH, Duration.ZERO,
                List.of(new Leg("ok", 1), new Leg("bad \uDC00", 1)), Map.of(), new Leg("p", 1), List.of(), Map.of(),
                List.of());
        assertThatThrownBy(() -> codec.encode(badLeg, ByteBuffer.allocate(512))).isInstanceOf(CodecException.class)
                .satisfies(e -> assertThat(((CodecException) e).field()).isEqualTo("Specimen.legs[1].venue"));
    }

    @Test
    void malformedBytesFailNamingTheFieldAndWhereItsBytesStart() {
        byte[] bytes = HexFormat.of().parseHex(SPECIMEN_BYTES);
        byte[] badBoolean = bytes.clone();
        badBoolean[20] = 2;
        assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(badBoolean))).isInstanceOf(CodecException.class)
                .satisfies(e -> {
                    CodecException c = (CodecException) e;
                    assertThat(c.field()).isEqualTo("Specimen.live");
                    assertThat(c.offset()).isEqualTo(20);
                }).hasMessageContaining("a boolean is 0 or 1 but the byte was 2");
        byte[] badGrade = bytes.clone();
        badGrade[31] = 9;
        assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(badGrade)))
                .hasMessageContaining("field Specimen.grade, offset 31")
                .hasMessageContaining("Grade has no constant with wire code 9");
        byte[] hugeCount = bytes.clone();
        hugeCount[44] = 0x7f;
        assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(hugeCount)))
                .hasMessageContaining("field Specimen.legs, offset 44").hasMessageContaining("count must be within");
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 2);
        assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(cut))).isInstanceOf(CodecException.class)
                .hasMessageContaining("field Specimen.grid[1], offset " + (bytes.length - 4))
                .hasMessageContaining("the bytes end inside this field");
    }
}
