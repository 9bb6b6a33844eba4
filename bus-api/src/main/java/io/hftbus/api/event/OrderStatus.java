package io.hftbus.api.event;

/** Life-cycle state of an order, as reported by {@link OrderUpdateEvent}. */
public enum OrderStatus implements WireCoded {
    /** Sent, not yet acknowledged by the venue. */
    PENDING_NEW(0),
    /** Acknowledged and working. */
    NEW(1),
    /** Some quantity filled, the rest working. */
    PARTIALLY_FILLED(2),
    /** Completely filled. Terminal. */
    FILLED(3),
    /** Cancelled before it was completely filled. Terminal. */
    CANCELLED(4),
    /** Refused by the venue or by a pre-trade check. Terminal. */
    REJECTED(5),
    /** Its time in force ran out. Terminal. */
    EXPIRED(6);

    private final int wireCode;

    OrderStatus(int wireCode) {
        this.wireCode = wireCode;
    }

    /** {@inheritDoc} */
    @Override
    public int wireCode() {
        return wireCode;
    }

    /** Whether no further update can follow this one. */
    public boolean isTerminal() {
        return this == FILLED || this == CANCELLED || this == REJECTED || this == EXPIRED;
    }
}
