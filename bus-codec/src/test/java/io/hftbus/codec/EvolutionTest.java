package io.hftbus.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.event.WireCoded;
import io.hftbus.api.event.WireDefault;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A record changes between versions; what an old writer wrote still reads. The writer's schema and
 * bytes are golden: written once by version 1, pinned here, read by version 2 for good.
 */
class EvolutionTest {

    /** Version 1's side. */
    public enum SideV1 implements WireCoded {
        BUY(0), SELL(1);

        private final int code;

        SideV1(int code) {
            this.code = code;
        }

        @Override
        public int wireCode() {
            return code;
        }
    }

    /** Version 2's side: reordered, and a constant inserted first with a new code. */
    public enum SideV2 implements WireCoded {
        SHORT(2), SELL(1), BUY(0);

        private final int code;

        SideV2(int code) {
            this.code = code;
        }

        @Override
        public int wireCode() {
            return code;
        }
    }

    /** Version 1. */
    public record Quote(long timestamp, String symbol, String venue, double price, SideV1 side) {
    }

    /** Version 2: {@code venue} removed, {@code side} moved before {@code price}, two fields added. */
    public record QuoteV2(long timestamp, String symbol, SideV2 side, double price,
                          @WireDefault("1.5") double size, Duration validFor) {
    }

    /** Version 3: adds an enum without a default, which old bytes cannot fill. */
    public record QuoteV3(long timestamp, SideV2 side, SideV2 hedgeSide) {
    }

    /** Version 4: changes {@code price} from double to long, which the format does not allow. */
    public record QuoteV4(long timestamp, long price) {
    }

    static final Quote WRITTEN = new Quote(17, "ES", "XCME", 6000.25, SideV1.SELL);

    /** Version 1's schema of {@link Quote}, as it wrote it. */
    static final String SCHEMA_V1 = "0000000551756f746500050000000974696d657374616d7001000000067379"
            + "6d626f6c050000000576656e756505000000057072696365030000000473696465070000000653696465"
            + "563100020000000003425559010000000453454c4c";
    /** {@link #WRITTEN} as version 1 wrote it. */
    static final String BYTES_V1 = "0000000000000011" + "00000002" + "4553" + "00000004" + "58434d45"
            + "40b7704000000000" + "01";

    @Test
    void versionOneWritesItsGoldenSchemaAndBytes() {
        RecordCodec<Quote> v1 = RecordCodec.of(Quote.class);
        ByteBuffer schema = ByteBuffer.allocate(v1.schema().encodedSize());
        v1.schema().write(schema);
        assertThat(HexFormat.of().formatHex(schema.array())).isEqualTo(SCHEMA_V1);
        ByteBuffer bytes = ByteBuffer.allocate(v1.encodedSize(WRITTEN));
        v1.encode(WRITTEN, bytes);
        assertThat(HexFormat.of().formatHex(bytes.array())).isEqualTo(BYTES_V1);
    }

    @Test
    void versionTwoReadsVersionOneSkippingTheRemovedFieldAndDefaultingTheAddedOnes() {
        RecordSchema writer = RecordSchema.read(ByteBuffer.wrap(HexFormat.of().parseHex(SCHEMA_V1)));
        RecordDecoder<QuoteV2> decoder = RecordCodec.of(QuoteV2.class).decoder(writer);
        ByteBuffer in = ByteBuffer.wrap(HexFormat.of().parseHex(BYTES_V1));
        assertThat(decoder.decode(in)).isEqualTo(new QuoteV2(17, "ES", SideV2.SELL, 6000.25, 1.5, Duration.ZERO));
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void reorderingAndInsertingEnumConstantsKeepsTheirMeaningBecauseCodesAreWrittenNotOrdinals() {
        assertThat(SideV1.BUY.ordinal()).isNotEqualTo(SideV2.BUY.ordinal());
        RecordSchema writer = RecordSchema.read(ByteBuffer.wrap(HexFormat.of().parseHex(SCHEMA_V1)));
        for (SideV1 side : SideV1.values()) {
            Quote quote = new Quote(1, "X", "V", 1, side);
            RecordCodec<Quote> v1 = RecordCodec.of(Quote.class);
            ByteBuffer bytes = ByteBuffer.allocate(v1.encodedSize(quote));
            v1.encode(quote, bytes);
            QuoteV2 read = RecordCodec.of(QuoteV2.class).decoder(writer).decode(bytes.flip());
            assertThat(read.side().name()).isEqualTo(side.name());
        }
    }

    @Test
    void whatTheFormatDoesNotAllowFailsWhenTheDecoderIsBuiltNamingTheField() {
        RecordSchema writer = RecordSchema.read(ByteBuffer.wrap(HexFormat.of().parseHex(SCHEMA_V1)));
        assertThatThrownBy(() -> RecordCodec.of(QuoteV3.class).decoder(writer)).isInstanceOf(CodecException.class)
                .hasMessageContaining("field hedgeSide").hasMessageContaining("has no default");
        assertThatThrownBy(() -> RecordCodec.of(QuoteV4.class).decoder(writer)).isInstanceOf(CodecException.class)
                .hasMessageContaining("field price").hasMessageContaining("DOUBLE")
                .hasMessageContaining("LONG");
    }

    @Test
    void aConstantTheReaderDoesNotHaveFailsWhenReadNamingTheWritersName() {
        RecordCodec<QuoteV2> v2 = RecordCodec.of(QuoteV2.class);
        QuoteV2 shortQuote = new QuoteV2(1, "X", SideV2.SHORT, 1, 1, Duration.ZERO);
        ByteBuffer bytes = ByteBuffer.allocate(v2.encodedSize(shortQuote));
        v2.encode(shortQuote, bytes);
        RecordDecoder<Quote> older = RecordCodec.of(Quote.class).decoder(v2.schema());
        assertThatThrownBy(() -> older.decode(bytes.flip())).isInstanceOf(CodecException.class)
                .hasMessageContaining("field Quote.side").hasMessageContaining("wire code 2")
                .hasMessageContaining("the writer called it SHORT");
    }
}
