package io.hftbus.nats;

import java.time.Duration;

/**
 * The limits of the JetStream stream the transport creates when it is missing. An existing
 * stream is used as it is: the transport never changes one.
 *
 * <p>The defaults ({@link #defaults()}): messages kept for 24 hours, at most 1 GiB and no limit on
 * the count, the oldest discarded first when a limit is reached; messages of at most 1 MiB; a
 * duplicate window of 2 minutes (a publish whose message id, origin and sequence, the stream
 * stored within that time is acknowledged and not stored again); file storage; one replica.
 *
 * @param maxAge          how long a message is kept; positive
 * @param maxBytes        the stream's size at most, in bytes; positive, or -1 for no limit
 * @param maxMessages     the stream's count at most; positive, or -1 for no limit
 * @param maxMessageBytes the largest message; positive
 * @param duplicateWindow how long the stream remembers message ids to drop duplicate publishes;
 *                        positive and at most {@code maxAge}
 * @param fileStorage     whether the stream is on disk (survives a server restart) or in memory
 * @param replicas        copies in a cluster, within {@code [1, 5]}
 */
public record StreamLimits(Duration maxAge, long maxBytes, long maxMessages, int maxMessageBytes,
                           Duration duplicateWindow, boolean fileStorage, int replicas) {

    /** Validates the limits. */
    public StreamLimits {
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("StreamLimits.maxAge must be positive but was " + maxAge);
        }
        if (maxBytes == 0 || maxBytes < -1) {
            throw new IllegalArgumentException("StreamLimits.maxBytes must be positive or -1 but was " + maxBytes);
        }
        if (maxMessages == 0 || maxMessages < -1) {
            throw new IllegalArgumentException("StreamLimits.maxMessages must be positive or -1 but was " + maxMessages);
        }
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("StreamLimits.maxMessageBytes must be positive but was " + maxMessageBytes);
        }
        if (duplicateWindow == null || duplicateWindow.isNegative() || duplicateWindow.isZero()
                || duplicateWindow.compareTo(maxAge) > 0) {
            throw new IllegalArgumentException("StreamLimits.duplicateWindow must be positive and at most maxAge ("
                    + maxAge + ") but was " + duplicateWindow);
        }
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("StreamLimits.replicas must be within [1, 5] but was " + replicas);
        }
    }

    /** The defaults; see the class comment. */
    public static StreamLimits defaults() {
        return new StreamLimits(Duration.ofHours(24), 1L << 30, -1, 1 << 20, Duration.ofMinutes(2), true, 1);
    }
}
