package io.hftbus.api.event;

/** Life-cycle state of an order, as reported by {@link OrderUpdateEvent}. */
public enum OrderStatus {
    /** Sent, not yet acknowledged by the venue. */
    PENDING_NEW,
    /** Acknowledged and working. */
    NEW,
    /** Some quantity filled, the rest working. */
    PARTIALLY_FILLED,
    /** Completely filled. Terminal. */
    FILLED,
    /** Cancelled before it was completely filled. Terminal. */
    CANCELLED,
    /** Refused by the venue or by a pre-trade check. Terminal. */
    REJECTED,
    /** Its time in force ran out. Terminal. */
    EXPIRED;

    /** Whether no further update can follow this one. */
    public boolean isTerminal() {
        return this == FILLED || this == CANCELLED || this == REJECTED || this == EXPIRED;
    }
}
