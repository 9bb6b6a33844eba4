package io.hftbus.codec;

import io.hftbus.api.event.WireCoded;
import io.hftbus.api.event.WireDefault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Records outside the sixteen events, for proving the derivation generic. */
final class Specimens {

    private Specimens() {
    }

    /** Codes that are not the ordinals: the codec must write the codes. */
    public enum Grade implements WireCoded {
        LOW(7), HIGH(3);

        private final int code;

        Grade(int code) {
            this.code = code;
        }

        @Override
        public int wireCode() {
            return code;
        }
    }

    /** A nested record. */
    public record Leg(String venue, double price) {
    }

    /** Every field kind the codec knows, nested in lists and maps too. */
    public record Specimen(long id, int count, double ratio, boolean live, String name, Grade grade, Duration window,
                           List<Leg> legs, Map<String, Double> weights, Leg primary, List<String> tags,
                           Map<String, Leg> byVenue, List<List<Integer>> grid) {
    }

    /** An enum without wire codes. */
    public enum Uncoded { A, B }

    public record HoldsUncoded(Uncoded value) {
    }

    public record HoldsInstant(long id, Instant when) {
    }

    public record HoldsRawList(@SuppressWarnings("rawtypes") List values) {
    }

    public record Node(String name, List<Node> children) {
    }

    public record HoldsNull(String text) {
    }

    public record BadDefault(@WireDefault("soon") Duration delay) {
    }
}
