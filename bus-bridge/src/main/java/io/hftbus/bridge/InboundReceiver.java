package io.hftbus.bridge;

/** What an {@link InboundChannel} gives its frames to; called on the polling thread. */
@FunctionalInterface
public interface InboundReceiver {

    /**
     * One message as the engine stored it.
     *
     * @param subject where it was found, for the log of a message that is no frame
     * @param frame   its bytes, normally a {@link WireMessage}: a frame or a batch; may be anything
     */
    void receive(String subject, byte[] frame);
}
