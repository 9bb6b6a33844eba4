package io.hftbus.bridge;

/**
 * What the bridge does with an outbound event when its buffer is full: the transport is slower
 * than the bus, or disconnected for longer than the buffer lasts.
 */
public enum OutboundOverflow {
    /**
     * Drop the event and count it ({@link BridgeStats#dropped()}): the bus never waits for the
     * network. The default.
     */
    DROP,
    /**
     * Hold the bus's dispatch thread until the buffer has room: nothing is dropped, and the bus's
     * own lanes fill behind the bridge and apply their backpressure policy. Chosen by the user,
     * never by default.
     */
    BLOCK
}
