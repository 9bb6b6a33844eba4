package io.hftbus.bridge;

import io.hftbus.api.event.EventType;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@link Bridge} carries and how: the event types it sends, the remote buses it takes in,
 * and the bounds of its buffers. Immutable; each {@code with} method returns a changed copy.
 *
 * <pre>{@code
 * BridgeConfig config = BridgeConfig.defaults()
 *         .withOutbound(EnumSet.of(EventType.MARKET_DATA, EventType.SIGNAL))
 *         .withInbound("risk", EnumSet.of(EventType.ORDER, EventType.FILL));
 * }</pre>
 *
 * <p>The defaults: nothing sent or taken in; an outbound buffer of {@value #DEFAULT_OUTBOUND_BUFFER}
 * frames that drops when full ({@link OutboundOverflow#DROP}); frames that wait packed into batches
 * of up to {@value #DEFAULT_MAX_BATCH_FRAMES} frames and {@value #DEFAULT_MAX_BATCH_BYTES} bytes;
 * {@value #DEFAULT_ACK_WINDOW} messages in flight at most, each acknowledged within
 * {@value #DEFAULT_ACK_TIMEOUT_MILLIS} ms or resent; inbound polls of up to
 * {@value #DEFAULT_POLL_BATCH} messages; a duplicate window of the last
 * {@value #DEFAULT_DUPLICATE_WINDOW} sequences per origin; a new random instance id each time a
 * config is made.
 */
public final class BridgeConfig {

    /** Frames the outbound buffer holds by default. */
    public static final int DEFAULT_OUTBOUND_BUFFER = 65_536;
    /** Messages in flight (sent, not yet acknowledged) at most, by default. */
    public static final int DEFAULT_ACK_WINDOW = 1_024;
    /** How long a sent message waits for its acknowledgement before it is resent, by default. */
    public static final long DEFAULT_ACK_TIMEOUT_MILLIS = 5_000;
    /** Sequences remembered per origin to drop duplicates, by default. */
    public static final int DEFAULT_DUPLICATE_WINDOW = 65_536;
    /** Messages one inbound poll takes at most, by default. */
    public static final int DEFAULT_POLL_BATCH = 256;
    /** Frames one outbound message packs at most, by default. */
    public static final int DEFAULT_MAX_BATCH_FRAMES = 64;
    /** Bytes one outbound batch holds at most, by default. */
    public static final int DEFAULT_MAX_BATCH_BYTES = 64 * 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Set<EventType> outbound;
    private final List<InboundSource> inbound;
    private final int outboundBuffer;
    private final OutboundOverflow overflow;
    private final int ackWindow;
    private final Duration ackTimeout;
    private final int duplicateWindow;
    private final int pollBatch;
    private final int maxBatchFrames;
    private final int maxBatchBytes;
    private final Duration maxBackoff;
    private final Duration closeTimeout;
    private final long instanceId;

    private BridgeConfig(Set<EventType> outbound, List<InboundSource> inbound, int outboundBuffer,
                         OutboundOverflow overflow, int ackWindow, Duration ackTimeout, int duplicateWindow,
                         int pollBatch, int maxBatchFrames, int maxBatchBytes, Duration maxBackoff,
                         Duration closeTimeout, long instanceId) {
        this.outbound = outbound;
        this.inbound = inbound;
        this.outboundBuffer = outboundBuffer;
        this.overflow = overflow;
        this.ackWindow = ackWindow;
        this.ackTimeout = ackTimeout;
        this.duplicateWindow = duplicateWindow;
        this.pollBatch = pollBatch;
        this.maxBatchFrames = maxBatchFrames;
        this.maxBatchBytes = maxBatchBytes;
        this.maxBackoff = maxBackoff;
        this.closeTimeout = closeTimeout;
        this.instanceId = instanceId;
    }

    /** The defaults (see the class comment), with a new random instance id. */
    public static BridgeConfig defaults() {
        long id;
        do {
            id = RANDOM.nextLong();
        } while (id == 0);
        return new BridgeConfig(Set.of(), List.of(), DEFAULT_OUTBOUND_BUFFER, OutboundOverflow.DROP,
                DEFAULT_ACK_WINDOW, Duration.ofMillis(DEFAULT_ACK_TIMEOUT_MILLIS), DEFAULT_DUPLICATE_WINDOW,
                DEFAULT_POLL_BATCH, DEFAULT_MAX_BATCH_FRAMES, DEFAULT_MAX_BATCH_BYTES, Duration.ofSeconds(1), Duration.ofSeconds(5), id);
    }

    /** The local event types sent out; empty sends nothing. */
    public Set<EventType> outbound() {
        return outbound;
    }

    /** The remote buses taken in. */
    public List<InboundSource> inbound() {
        return inbound;
    }

    /**
     * How many frames wait at most between the bus and the transport, beside those in the
     * window: at most {@link #ackWindow()} messages of up to {@link #maxBatchFrames()} frames each.
     */
    public int outboundBuffer() {
        return outboundBuffer;
    }

    /** What happens to an outbound event when the buffer is full. */
    public OutboundOverflow overflow() {
        return overflow;
    }

    /** How many messages (each a frame or a batch) are in flight at most: sent, not yet acknowledged. */
    public int ackWindow() {
        return ackWindow;
    }

    /** How long a sent message waits for its acknowledgement before it and those after it are resent. */
    public Duration ackTimeout() {
        return ackTimeout;
    }

    /** How many sequences are remembered per origin to recognise a duplicate. */
    public int duplicateWindow() {
        return duplicateWindow;
    }

    /** How many messages one inbound poll takes at most. */
    public int pollBatch() {
        return pollBatch;
    }

    /** How many waiting frames of one type the sender packs into one message at most; 1 never batches. */
    public int maxBatchFrames() {
        return maxBatchFrames;
    }

    /** How many bytes one batch holds at most (and never more than the transport's largest message). */
    public int maxBatchBytes() {
        return maxBatchBytes;
    }

    /** The longest pause between two attempts while the transport is unreachable. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** How long {@link Bridge#close()} waits for the buffered frames to be acknowledged. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /**
     * The id every frame this bridge sends carries as its origin: unique per running bus. A bridge
     * drops frames of its own id (a loop), and removes duplicates per id and sequence, so a
     * restarted bus, whose sequences start again, must take a new one: leave the default.
     */
    public long instanceId() {
        return instanceId;
    }

    /**
     * Sends the local events of {@code types}.
     *
     * @throws NullPointerException if {@code types} is null
     */
    public BridgeConfig withOutbound(Set<EventType> types) {
        if (types == null) {
            throw new NullPointerException("outbound types must not be null");
        }
        Set<EventType> copy = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
        return new BridgeConfig(copy, inbound, outboundBuffer, overflow, ackWindow, ackTimeout,
                duplicateWindow, pollBatch, maxBatchFrames, maxBatchBytes, maxBackoff, closeTimeout, instanceId);
    }

    /**
     * Also takes in the events of {@code types} that the bus named {@code remoteBus} sends, under
     * the durable name {@code <local bus>-from-<remoteBus>}.
     */
    public BridgeConfig withInbound(String remoteBus, Set<EventType> types) {
        return withInbound(new InboundSource(remoteBus, types, null));
    }

    /** Also takes in {@code source}. */
    public BridgeConfig withInbound(InboundSource source) {
        if (source == null) {
            throw new NullPointerException("inbound source must not be null");
        }
        List<InboundSource> sources = new ArrayList<>(inbound);
        sources.add(source);
        return new BridgeConfig(outbound, List.copyOf(sources), outboundBuffer, overflow, ackWindow, ackTimeout,
                duplicateWindow, pollBatch, maxBatchFrames, maxBatchBytes, maxBackoff, closeTimeout, instanceId);
    }

    /**
     * Bounds the outbound buffer and says what a full one does.
     *
     * @throws IllegalArgumentException if {@code frames} is not within {@code [2, 2^30]}
     */
    public BridgeConfig withOutboundBuffer(int frames, OutboundOverflow whenFull) {
        if (frames < 2 || frames > (1 << 30)) {
            throw new IllegalArgumentException("outboundBuffer must be within [2, 2^30] but was " + frames);
        }
        if (whenFull == null) {
            throw new NullPointerException("overflow must not be null");
        }
        return new BridgeConfig(outbound, inbound, frames, whenFull, ackWindow, ackTimeout,
                duplicateWindow, pollBatch, maxBatchFrames, maxBatchBytes, maxBackoff, closeTimeout, instanceId);
    }

    /**
     * Bounds the messages in flight ({@code frames} of them, each a frame or a batch) and how long
     * each waits for its acknowledgement.
     *
     * @throws IllegalArgumentException if {@code frames} is not within {@code [1, 65536]} or the
     *                                  timeout is not positive
     */
    public BridgeConfig withAckWindow(int frames, Duration timeout) {
        if (frames < 1 || frames > 65_536) {
            throw new IllegalArgumentException("ackWindow must be within [1, 65536] but was " + frames);
        }
        requirePositive("ackTimeout", timeout);
        return new BridgeConfig(outbound, inbound, outboundBuffer, overflow, frames, timeout,
                duplicateWindow, pollBatch, maxBatchFrames, maxBatchBytes, maxBackoff, closeTimeout, instanceId);
    }

    /**
     * Remembers the last {@code sequences} sequences of each origin to drop duplicates.
     *
     * @throws IllegalArgumentException if not within {@code [1, 2^24]}
     */
    public BridgeConfig withDuplicateWindow(int sequences) {
        if (sequences < 1 || sequences > (1 << 24)) {
            throw new IllegalArgumentException("duplicateWindow must be within [1, 2^24] but was " + sequences);
        }
        return new BridgeConfig(outbound, inbound, outboundBuffer, overflow, ackWindow, ackTimeout,
                sequences, pollBatch, maxBatchFrames, maxBatchBytes, maxBackoff, closeTimeout, instanceId);
    }

    /**
     * Takes up to {@code frames} messages (each a frame or a batch) per inbound poll.
     *
     * @throws IllegalArgumentException if not within {@code [1, 65536]}
     */
    public BridgeConfig withPollBatch(int frames) {
        if (frames < 1 || frames > 65_536) {
            throw new IllegalArgumentException("pollBatch must be within [1, 65536] but was " + frames);
        }
        return new BridgeConfig(outbound, inbound, outboundBuffer, overflow, ackWindow, ackTimeout,
                duplicateWindow, frames, maxBatchFrames, maxBatchBytes, maxBackoff, closeTimeout, instanceId);
    }

    /**
     * Packs up to {@code maxFrames} frames, of {@code maxBytes} bytes in all, into one message when
     * several of one type wait one after the other (see {@link WireMessage}); a frame that waits
     * alone is always sent alone, at once. {@code withBatching(1, ...)} sends every frame as a
     * message of its own. Stream sequences, lag and the acknowledgement window count messages;
     * the counters of {@link BridgeStats} count frames.
     *
     * @throws IllegalArgumentException if {@code maxFrames} is not within
     *                                  {@code [1, }{@value WireMessage#MAX_BATCH_FRAMES}{@code ]}
     *                                  or {@code maxBytes} is less than 1,024
     */
    public BridgeConfig withBatching(int maxFrames, int maxBytes) {
        if (maxFrames < 1 || maxFrames > WireMessage.MAX_BATCH_FRAMES) {
            throw new IllegalArgumentException("maxBatchFrames must be within [1, " + WireMessage.MAX_BATCH_FRAMES
                    + "] but was " + maxFrames);
        }
        if (maxBytes < 1_024) {
            throw new IllegalArgumentException("maxBatchBytes must be at least 1024 but was " + maxBytes);
        }
        return new BridgeConfig(outbound, inbound, outboundBuffer, overflow, ackWindow, ackTimeout,
                duplicateWindow, pollBatch, maxFrames, maxBytes, maxBackoff, closeTimeout, instanceId);
    }

    /** Pauses at most {@code backoff} between attempts while the transport is unreachable. */
    public BridgeConfig withMaxBackoff(Duration backoff) {
        requirePositive("maxBackoff", backoff);
        return new BridgeConfig(outbound, inbound, outboundBuffer, overflow, ackWindow, ackTimeout,
                duplicateWindow, pollBatch, maxBatchFrames, maxBatchBytes, backoff, closeTimeout, instanceId);
    }

    /** Waits up to {@code timeout} at close for the buffered frames to be acknowledged. */
    public BridgeConfig withCloseTimeout(Duration timeout) {
        requirePositive("closeTimeout", timeout);
        return new BridgeConfig(outbound, inbound, outboundBuffer, overflow, ackWindow, ackTimeout,
                duplicateWindow, pollBatch, maxBatchFrames, maxBatchBytes, maxBackoff, timeout, instanceId);
    }

    /**
     * Sends under {@code id} rather than a random one; see {@link #instanceId()}.
     *
     * @throws IllegalArgumentException if {@code id} is 0
     */
    public BridgeConfig withInstanceId(long id) {
        if (id == 0) {
            throw new IllegalArgumentException("instanceId must not be 0");
        }
        return new BridgeConfig(outbound, inbound, outboundBuffer, overflow, ackWindow, ackTimeout,
                duplicateWindow, pollBatch, maxBatchFrames, maxBatchBytes, maxBackoff, closeTimeout, id);
    }

    static String requireName(String what, String name) {
        if (name == null) {
            throw new NullPointerException(what + " must not be null");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be letters, digits, '_' and '-' but was \"" + name + "\"");
        }
        return name;
    }

    private static void requirePositive(String what, Duration duration) {
        if (duration == null) {
            throw new NullPointerException(what + " must not be null");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive but was " + duration);
        }
    }

    @Override
    public String toString() {
        return "BridgeConfig[outbound=" + outbound + ", inbound=" + inbound + ", outboundBuffer=" + outboundBuffer
                + ", overflow=" + overflow + ", ackWindow=" + ackWindow + ", ackTimeout=" + ackTimeout
                + ", batching=" + maxBatchFrames + " frames/" + maxBatchBytes + " bytes"
                + ", duplicateWindow=" + duplicateWindow + ", instanceId=" + Long.toHexString(instanceId) + "]";
    }
}
