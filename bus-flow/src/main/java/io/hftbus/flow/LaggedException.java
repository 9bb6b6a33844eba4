package io.hftbus.flow;

/**
 * The {@code onError} signal of a flow subscription with {@link FlowOverflow#ERROR} whose buffer
 * overflowed: the subscriber requested too slowly and the bus dropped envelopes for it. The
 * subscription has ended; the envelopes it received were all in publish order, with none missing
 * before the first drop.
 */
public final class LaggedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String subscription;
    private final long dropped;
    private final int bufferSize;

    /**
     * @param subscription the name of the flow subscription that lagged
     * @param dropped      how many envelopes had been dropped for it when the overflow was noticed, {@code > 0}
     * @param bufferSize   the capacity of its buffer
     */
    public LaggedException(String subscription, long dropped, int bufferSize) {
        super("flow subscription '" + subscription + "' lagged: " + dropped + " envelope"
                + (dropped == 1 ? " was" : "s were") + " dropped because its buffer of " + bufferSize
                + " was full (its subscriber requested too slowly); the subscription has ended");
        this.subscription = subscription;
        this.dropped = dropped;
        this.bufferSize = bufferSize;
    }

    /** The name of the flow subscription that lagged. */
    public String subscription() {
        return subscription;
    }

    /** How many envelopes had been dropped for the subscription when the overflow was noticed. */
    public long dropped() {
        return dropped;
    }

    /** The capacity of the subscription's buffer. */
    public int bufferSize() {
        return bufferSize;
    }
}
