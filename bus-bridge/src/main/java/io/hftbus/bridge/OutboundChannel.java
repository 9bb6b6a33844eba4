package io.hftbus.bridge;

import io.hftbus.api.event.EventType;
import java.util.concurrent.CompletableFuture;

/**
 * Where one bus's frames leave the process; opened by {@link BridgeTransport#outbound(String)}.
 * Each send is one message of the engine: a single {@link WireFrame}, or a {@link WireMessage}
 * batch of frames of one type, consecutive in the bus's order.
 *
 * <p><b>Threading.</b> Called by one thread, the bridge's sender. {@link #send} must not block on
 * the network: it hands the message to the engine's client and returns the future of its
 * acknowledgement.
 */
public interface OutboundChannel {

    /**
     * Sends one message, a frame or a batch, on the subject of {@code type}.
     *
     * <p>{@code origin} and {@code sequence} identify the message for good: a transport whose
     * engine removes duplicate publishes (JetStream's message id) names the message by them, so
     * that a message the bridge resends after a lost acknowledgement is stored once. The bridge
     * resends a message exactly as it first sent it, never packed differently.
     *
     * <p>{@code previousSequence} names the message sent just before this one from the same
     * origin: a transport whose engine can check it (JetStream's expected last message id) has
     * the engine refuse a message whose predecessor is not the last one it stored, so that a
     * message lost in a broken connection can never be overtaken by the ones after it.
     *
     * @param type             the type of every event in the message
     * @param origin           the sending bridge's instance id
     * @param sequence         the sequence in the sending bus of the message's last (or only) frame
     * @param previousSequence the {@code sequence} of the message this origin sent just before it
     *                         and whose acknowledgement is still outstanding, or {@code -1} when
     *                         every earlier message is acknowledged
     * @param frame            the message's bytes ({@link WireMessage}); the channel keeps no
     *                         reference after the future completes
     * @return completes when the engine has stored the message, or exceptionally when it refused it
     *         or the connection failed
     * @throws TransportException if the channel cannot take the frame now (disconnected); nothing
     *                            was sent
     */
    CompletableFuture<?> send(EventType type, long origin, long sequence, long previousSequence, byte[] frame);
}
