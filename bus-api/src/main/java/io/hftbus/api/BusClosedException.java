package io.hftbus.api;

/** Thrown by an operation on a bus that has been closed. */
public final class BusClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String busName;

    /**
     * @param busName   the bus that is closed
     * @param operation what was refused, for example {@code "publish MARKET_DATA"}
     */
    public BusClosedException(String busName, String operation) {
        super("bus '" + busName + "' is closed: " + operation + " refused");
        this.busName = busName;
    }

    /** The bus that is closed. */
    public String busName() {
        return busName;
    }
}
