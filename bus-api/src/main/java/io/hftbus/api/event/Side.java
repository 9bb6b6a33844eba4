package io.hftbus.api.event;

/** Direction of an order, fill or signal. */
public enum Side implements WireCoded {
    /** Buy: increases the position. */
    BUY(0),
    /** Sell: decreases the position. */
    SELL(1);

    private final int wireCode;

    Side(int wireCode) {
        this.wireCode = wireCode;
    }

    /** {@inheritDoc} */
    @Override
    public int wireCode() {
        return wireCode;
    }

    /** The side that closes a position opened on this side. */
    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    /** {@code +1} for {@link #BUY}, {@code -1} for {@link #SELL}: the sign this side gives a position change. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }
}
