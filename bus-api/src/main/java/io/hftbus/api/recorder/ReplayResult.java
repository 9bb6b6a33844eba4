package io.hftbus.api.recorder;

/**
 * What a replay did. Every recorded envelope it read counts in exactly one of the four figures.
 *
 * @param published          events the target accepted
 * @param notAccepted        events the target's full lanes dropped
 *                           ({@link io.hftbus.api.EventBus#NOT_ACCEPTED})
 * @param filteredOut        events of a type the {@link ReplayOptions} left out
 * @param refusedAtRecording events the recorded bus had refused, so never delivered, and that a
 *                           replay therefore does not deliver either
 */
public record ReplayResult(long published, long notAccepted, long filteredOut, long refusedAtRecording) {

    /** Validates the record. */
    public ReplayResult {
        requireNonNegative(published, "published");
        requireNonNegative(notAccepted, "notAccepted");
        requireNonNegative(filteredOut, "filteredOut");
        requireNonNegative(refusedAtRecording, "refusedAtRecording");
    }

    /** How many recorded envelopes the replay read. */
    public long total() {
        return published + notAccepted + filteredOut + refusedAtRecording;
    }

    private static void requireNonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException("ReplayResult." + field + " must be >= 0 but was " + value);
        }
    }
}
