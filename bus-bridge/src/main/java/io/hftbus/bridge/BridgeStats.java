package io.hftbus.bridge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counters of one {@link Bridge} at a moment, beside the bus's own statistics. Counters count
 * since the bridge started; each is exact, but they are read one after another, so under load
 * two of them may be a few events apart.
 *
 * <p>Outbound, every local event of a sent type is either {@link #sent} (then eventually
 * {@link #acked}, or counted in {@link #dropped} at close) or {@link #dropped}. Inbound, every
 * {@link #received} frame is exactly one of {@link #delivered}, {@link #duplicates},
 * {@link #looped}, {@link #skipped}, {@link #decodeFailures} or {@link #refused}.
 *
 * <p>The counters count frames, one per event, however the sender packed them into messages;
 * {@link #lag} counts messages, as the engine does.
 *
 * @param sent             frames given to the transport for the first time
 * @param acked            frames the engine acknowledged as stored
 * @param resent           frames given again after a failed or late acknowledgement (the engine
 *                         stores each once when it removes duplicate publishes)
 * @param dropped          outbound events lost and counted: the buffer was full
 *                         ({@link OutboundOverflow#DROP}), the event could not be encoded, or
 *                         the frame was still unacknowledged when the close timed out
 * @param sendFailures     sends the transport refused and acknowledgements that failed or came late
 * @param buffered         frames between the bus and the engine now: waiting, or sent and not yet
 *                         acknowledged
 * @param received         frames taken from the transport
 * @param delivered        frames published into the local bus
 * @param duplicates       frames dropped because their origin and sequence were delivered already
 * @param looped           frames dropped because they came from this bridge itself
 * @param skipped          frames of an event type the bridge does not take in
 * @param decodeFailures   messages that were no valid frame or batch (logged with their subject,
 *                         rate-limited); each counts once in {@link #received} too, however many
 *                         frames it claimed
 * @param refused          frames the local bus refused (a full lane under its backpressure policy)
 * @param receiveFailures  polls that failed because the engine could not be reached
 * @param reconnects       reconnections of the transport to its engine
 * @param lag              messages (each a frame or a batch of up to
 *                         {@link BridgeConfig#maxBatchFrames()}) waiting in the engine for this
 *                         bridge, over its inbound sources;
 *                         {@code -1} when unknown
 * @param lastTransitNanos wall-clock nanoseconds from publish in the sending bus to publish in
 *                         this one, of the last stamped frame delivered; {@code -1} if none yet
 *                         (across hosts it includes their clocks' difference)
 */
public record BridgeStats(long sent, long acked, long resent, long dropped, long sendFailures, long buffered,
                          long received, long delivered, long duplicates, long looped, long skipped,
                          long decodeFailures, long refused, long receiveFailures, long reconnects, long lag,
                          long lastTransitNanos) {

    /**
     * Every counter by its component's name, in declaration order: the shape a web monitor's or a
     * metrics registry's group of counters takes, so that the bridge's figures are shown beside
     * the bus's statistics, for example
     * {@code WebMonitor.builder(bus, stats).counters("bridge", () -> bridge.stats().counters())}.
     *
     * @return an unmodifiable map, iterated in declaration order
     */
    public Map<String, Long> counters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("sent", sent);
        counters.put("acked", acked);
        counters.put("resent", resent);
        counters.put("dropped", dropped);
        counters.put("sendFailures", sendFailures);
        counters.put("buffered", buffered);
        counters.put("received", received);
        counters.put("delivered", delivered);
        counters.put("duplicates", duplicates);
        counters.put("looped", looped);
        counters.put("skipped", skipped);
        counters.put("decodeFailures", decodeFailures);
        counters.put("refused", refused);
        counters.put("receiveFailures", receiveFailures);
        counters.put("reconnects", reconnects);
        counters.put("lag", lag);
        counters.put("lastTransitNanos", lastTransitNanos);
        return Collections.unmodifiableMap(counters);
    }

    /** One line for a log or a report. */
    public String summary() {
        return "sent " + sent + ", acked " + acked + ", resent " + resent + ", dropped " + dropped
                + ", buffered " + buffered + ", received " + received + ", delivered " + delivered
                + ", duplicates " + duplicates + ", looped " + looped + ", decode failures " + decodeFailures
                + ", refused " + refused + ", reconnects " + reconnects + ", lag " + lag
                + (lastTransitNanos < 0 ? "" : ", transit " + lastTransitNanos / 1_000 + " us");
    }
}
