package io.hftbus.api.event;

/** How an order is priced. */
public enum OrderType implements WireCoded {
    /** Executes at the best available price; carries neither limit nor stop price. */
    MARKET(0),
    /** Executes at the limit price or better. */
    LIMIT(1),
    /** Becomes a market order once the stop price trades. */
    STOP(2),
    /** Becomes a limit order once the stop price trades. */
    STOP_LIMIT(3);

    private final int wireCode;

    OrderType(int wireCode) {
        this.wireCode = wireCode;
    }

    /** {@inheritDoc} */
    @Override
    public int wireCode() {
        return wireCode;
    }

    /** Whether an order of this type must carry a positive limit price. */
    public boolean requiresLimitPrice() {
        return this == LIMIT || this == STOP_LIMIT;
    }

    /** Whether an order of this type must carry a positive stop price. */
    public boolean requiresStopPrice() {
        return this == STOP || this == STOP_LIMIT;
    }
}
