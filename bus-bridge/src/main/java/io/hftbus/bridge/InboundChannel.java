package io.hftbus.bridge;

import java.time.Duration;

/**
 * The frames one remote bus sends, in the order its engine stored them; opened by
 * {@link BridgeTransport#inbound(String, String)}.
 *
 * <p><b>Threading.</b> Called by one thread, the bridge's receiver for that remote bus, except
 * {@link #lag()}, which any thread may read.
 */
public interface InboundChannel extends AutoCloseable {

    /**
     * Waits up to {@code maxWait} for frames, gives each (up to {@code maxFrames}) to
     * {@code receiver} in order, on the calling thread, then acknowledges them to the engine.
     * A frame whose acknowledgement is lost (the process dies, the connection fails) is given
     * again later, to this channel or to the next one of the same durable name.
     *
     * @return how many frames were given
     * @throws TransportException   if the engine cannot be reached; no frame was given in that call,
     *                              or the ones given will be given again
     * @throws InterruptedException if the thread was interrupted while waiting
     */
    int poll(int maxFrames, Duration maxWait, InboundReceiver receiver) throws InterruptedException;

    /**
     * How many frames wait in the engine for this reader, as of the last frame given; {@code -1}
     * when unknown. A slow reader shows here, not in memory.
     */
    long lag();

    /** Stops reading; the durable position stays in the engine. Idempotent. */
    @Override
    void close();
}
