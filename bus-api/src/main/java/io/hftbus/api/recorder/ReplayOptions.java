package io.hftbus.api.recorder;

import io.hftbus.api.event.EventType;
import java.util.EnumSet;
import java.util.Set;

/**
 * How to replay recorded events into a bus: how fast, and which types.
 *
 * <p><b>What a replay is.</b> The recorded envelopes, refused ones left out, are published into the
 * target bus one by one on the calling thread, in recorded order (the order the recorder was told
 * of them), each with {@code target.publish(event, recordedPriority)}. The events are the recorded
 * ones (the same instances from memory, equal records from a journal) and keep their own
 * timestamps; the target stamps each with its own sequence and publish time, as it does for any
 * publish. Recording the target during a replay therefore gives the same events, with the same
 * priorities, in the same order, under new sequences that increase in the same order (the replay is
 * one publisher). The target's dispatch then works as for live traffic: a higher-priority lane is
 * served first, so across lanes subscribers may see a different interleaving than publish order,
 * exactly as they did when the events were recorded.
 *
 * <p><b>Pace.</b> With {@link #asFastAsPossible()} events are published back to back. With
 * {@link #atRecordedPace(double)} the gaps between recorded publish times are reproduced, divided
 * by {@code speed}: {@code 2.0} replays twice as fast, {@code 0.5} at half speed. Waits shorter than
 * a few tens of microseconds are spun, longer ones parked. A recording of a bus that does not stamp
 * publish times ({@link io.hftbus.api.Envelope#NOT_STAMPED}) has no gaps to reproduce: a paced
 * replay of it fails before publishing anything, and an as-fast-as-possible one works.
 *
 * <p><b>Losing nothing.</b> A replay publishes faster than live traffic arrived; give the target
 * lanes that {@link io.hftbus.api.BackpressurePolicy#BLOCK block} rather than drop, if nothing may
 * be lost. What a dropping lane refused is counted in {@link ReplayResult#notAccepted()}.
 *
 * @param speed how many times faster than recorded; {@link #AS_FAST_AS_POSSIBLE} for no waiting;
 *              {@code > 0}, not NaN
 * @param types the event types to replay, not empty, no null element; any {@link Set} (for
 *              example {@link Set#of}); copied, immutable
 */
public record ReplayOptions(double speed, Set<EventType> types) {

    /** The {@link #speed()} of a replay that does not wait between events. */
    public static final double AS_FAST_AS_POSSIBLE = Double.POSITIVE_INFINITY;

    /** Validates the options; the set is copied. */
    public ReplayOptions {
        if (!(speed > 0.0)) {
            throw new IllegalArgumentException("ReplayOptions.speed must be > 0 (or AS_FAST_AS_POSSIBLE) but was "
                    + speed);
        }
        if (types == null) {
            throw new NullPointerException("ReplayOptions.types must not be null");
        }
        // Iterated, not asked contains(null): Set.of and other null-hostile sets throw there.
        for (EventType type : types) {
            if (type == null) {
                throw new NullPointerException("ReplayOptions.types must not contain null but was " + types);
            }
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("ReplayOptions.types must not be empty");
        }
        types = Set.copyOf(types);
    }

    /** Every type, back to back. */
    public static ReplayOptions asFastAsPossible() {
        return new ReplayOptions(AS_FAST_AS_POSSIBLE, EnumSet.allOf(EventType.class));
    }

    /** Every type, with the recorded gaps between events. */
    public static ReplayOptions atRecordedPace() {
        return atRecordedPace(1.0);
    }

    /** Every type, with the recorded gaps between events divided by {@code speed}. */
    public static ReplayOptions atRecordedPace(double speed) {
        if (!(speed > 0.0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("ReplayOptions.speed of a paced replay must be finite and > 0 but was "
                    + speed);
        }
        return new ReplayOptions(speed, EnumSet.allOf(EventType.class));
    }

    /** These options, replaying only the types given. */
    public ReplayOptions onlyTypes(EventType first, EventType... more) {
        if (first == null || more == null) {
            throw new NullPointerException("ReplayOptions.onlyTypes: types must not be null");
        }
        return new ReplayOptions(speed, EnumSet.of(first, more));
    }

    /** These options, replaying only the types in {@code only}. */
    public ReplayOptions onlyTypes(Set<EventType> only) {
        return new ReplayOptions(speed, only);
    }

    /** Whether events of {@code type} are replayed. */
    public boolean includes(EventType type) {
        return types.contains(type);
    }

    /** Whether the replay reproduces the recorded gaps, rather than going as fast as possible. */
    public boolean isPaced() {
        return speed != AS_FAST_AS_POSSIBLE;
    }
}
