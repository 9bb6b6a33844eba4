package io.hftbus.bridge;

import java.time.Duration;

/**
 * The messages one remote bus sends ({@link WireMessage}s: frames and batches of frames), in the
 * order its engine stored them; opened by
 * {@link BridgeTransport#inbound(String, String)}.
 *
 * <p><b>Threading.</b> Called by one thread, the bridge's receiver for that remote bus, except
 * {@link #lag()}, which any thread may read.
 */
public interface InboundChannel extends AutoCloseable {

    /**
     * Waits up to {@code maxWait} for messages, gives each (up to {@code maxFrames} messages) to
     * {@code receiver} in order, on the calling thread, then acknowledges them to the engine.
     * A message whose acknowledgement is lost (the process dies, the connection fails) is given
     * again later, to this channel or to the next one of the same durable name.
     *
     * @return how many messages were given
     * @throws TransportException   if the engine cannot be reached; no message was given in that call,
     *                              or the ones given will be given again
     * @throws InterruptedException if the thread was interrupted while waiting
     */
    int poll(int maxFrames, Duration maxWait, InboundReceiver receiver) throws InterruptedException;

    /**
     * How many messages (each a frame or a batch) wait in the engine for this reader, as of the
     * last one given; {@code -1} when unknown. A slow reader shows here, not in memory.
     */
    long lag();

    /** Stops reading; the durable position stays in the engine. Idempotent. */
    @Override
    void close();
}
