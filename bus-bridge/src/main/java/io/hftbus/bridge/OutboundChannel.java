package io.hftbus.bridge;

import io.hftbus.api.event.EventType;
import java.util.concurrent.CompletableFuture;

/**
 * Where one bus's frames leave the process; opened by {@link BridgeTransport#outbound(String)}.
 *
 * <p><b>Threading.</b> Called by one thread, the bridge's sender. {@link #send} must not block on
 * the network: it hands the frame to the engine's client and returns the future of its
 * acknowledgement.
 */
public interface OutboundChannel {

    /**
     * Sends one frame on the subject of {@code type}.
     *
     * <p>{@code origin} and {@code sequence} identify the frame for good: a transport whose engine
     * removes duplicate publishes (JetStream's message id) names the frame by them, so that a
     * frame the bridge resends after a lost acknowledgement is stored once.
     *
     * <p>{@code previousSequence} names the frame sent just before this one from the same
     * origin: a transport whose engine can check it (JetStream's expected last message id) has
     * the engine refuse a frame whose predecessor is not the last one it stored, so that a frame
     * lost in a broken connection can never be overtaken by the ones after it.
     *
     * @param type             the event's type
     * @param origin           the sending bridge's instance id
     * @param sequence         the envelope's sequence in the sending bus
     * @param previousSequence the sequence of the frame this origin sent just before it and whose
     *                         acknowledgement is still outstanding, or {@code -1} when every earlier
     *                         frame is acknowledged
     * @param frame            the frame's bytes ({@link WireFrame}); the channel keeps no reference
     *                         after the future completes
     * @return completes when the engine has stored the frame, or exceptionally when it refused it
     *         or the connection failed
     * @throws TransportException if the channel cannot take the frame now (disconnected); nothing
     *                            was sent
     */
    CompletableFuture<?> send(EventType type, long origin, long sequence, long previousSequence, byte[] frame);
}
