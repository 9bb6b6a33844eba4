package io.hftbus.api.event;

/** How long an order stays working. */
public enum TimeInForce implements WireCoded {
    /** Until the end of the trading day. */
    DAY(0),
    /** Until cancelled. */
    GOOD_TILL_CANCEL(1),
    /** Fill what can be filled at once, cancel the rest. */
    IMMEDIATE_OR_CANCEL(2),
    /** Fill all at once or nothing. */
    FILL_OR_KILL(3);

    private final int wireCode;

    TimeInForce(int wireCode) {
        this.wireCode = wireCode;
    }

    /** {@inheritDoc} */
    @Override
    public int wireCode() {
        return wireCode;
    }
}
