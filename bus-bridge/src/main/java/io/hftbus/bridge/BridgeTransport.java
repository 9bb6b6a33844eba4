package io.hftbus.bridge;

/**
 * The service-provider interface of the bridge: what carries {@link WireMessage}s (a
 * {@link WireFrame}, or a batch of them) between processes.
 * A transport is a connection to an engine (NATS JetStream in {@code io.hftbus.nats}; another
 * engine is one more implementation, with no change to {@link Bridge}). It is passive: the bridge
 * owns the threads, and calls the channels a transport opens from them.
 *
 * <p><b>What a transport promises.</b>
 * <ul>
 *   <li>An outbound channel completes a send's future only once the engine has stored the frame
 *       (or refused it); the bridge resends what did not complete, in order.</li>
 *   <li>An inbound channel gives the frames of one remote bus in the order the engine stored them,
 *       and resumes, after a restart of either side, at the first frame it had not acknowledged.
 *       It acknowledges a frame only after the bridge's receiver returned for it, so a frame is
 *       delivered at least once; duplicates are the bridge's to remove.</li>
 *   <li>It reconnects by itself after the engine comes back; while it cannot reach the engine, its
 *       calls fail with a {@link TransportException} rather than block without end.</li>
 *   <li>It never logs credentials.</li>
 * </ul>
 *
 * <p><b>Threading.</b> {@link #outbound} and {@link #inbound} are safe from any thread; each
 * channel's own contract is on its type. A transport is closed by whoever made it, after the
 * bridges that use it.
 */
public interface BridgeTransport extends AutoCloseable {

    /** Where the transport connects, for logs and errors: never with credentials. */
    String endpoint();

    /**
     * The channel on which {@code bus}'s events leave this process; the transport prepares what it
     * needs (a NATS stream, for example) if missing.
     *
     * @param bus the sending bus's name; letters, digits, {@code _} and {@code -}
     * @throws TransportException if the engine cannot be reached or refuses
     */
    OutboundChannel outbound(String bus);

    /**
     * A channel of the events that the bus named {@code remoteBus} sends, read under the durable
     * name {@code consumer}: a channel opened again under the same name resumes where the last one
     * stopped acknowledging.
     *
     * @param remoteBus the sending bus's name; letters, digits, {@code _} and {@code -}
     * @param consumer  the durable name of this reader; letters, digits, {@code _} and {@code -}
     * @throws TransportException if the engine cannot be reached or refuses
     */
    InboundChannel inbound(String remoteBus, String consumer);

    /**
     * The largest message, in bytes, the engine takes: the bridge packs no batch larger than
     * this. A lone frame is sent whatever its size, and the engine may refuse it. By default
     * there is no limit.
     */
    default int maxMessageBytes() {
        return Integer.MAX_VALUE;
    }

    /** How many times the transport has reconnected to its engine since it was made. */
    long reconnects();

    /** Closes the connection; the channels it opened stop working. Idempotent. */
    @Override
    void close();
}
