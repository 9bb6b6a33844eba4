package io.hftbus.api;

/**
 * Thrown by an operation on a bus that has been closed. Thrown by a batch publish during which the
 * bus closed, it ends the batch: {@link #accepted()} events from the first were accepted (and will
 * be delivered), the rest were not.
 */
public final class BusClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String busName;
    private final int accepted;

    /**
     * @param busName   the bus that is closed
     * @param operation what was refused, for example {@code "publish MARKET_DATA"}
     */
    public BusClosedException(String busName, String operation) {
        this(busName, operation, 0);
    }

    /**
     * @param busName   the bus that is closed
     * @param operation what was refused
     * @param accepted  how many events of a batch were accepted before the close refused the rest
     */
    public BusClosedException(String busName, String operation, int accepted) {
        super("bus '" + busName + "' is closed: " + operation + " refused"
                + (accepted == 0 ? "" : " after " + accepted + " events of the batch were accepted"));
        this.busName = busName;
        this.accepted = accepted;
    }

    /** The bus that is closed. */
    public String busName() {
        return busName;
    }

    /** How many events of a batch publish were accepted before the close; 0 for anything else. */
    public int accepted() {
        return accepted;
    }
}
