package io.hftbus.api.event;

/** How an order is priced. */
public enum OrderType {
    /** Executes at the best available price; carries neither limit nor stop price. */
    MARKET,
    /** Executes at the limit price or better. */
    LIMIT,
    /** Becomes a market order once the stop price trades. */
    STOP,
    /** Becomes a limit order once the stop price trades. */
    STOP_LIMIT;

    /** Whether an order of this type must carry a positive limit price. */
    public boolean requiresLimitPrice() {
        return this == LIMIT || this == STOP_LIMIT;
    }

    /** Whether an order of this type must carry a positive stop price. */
    public boolean requiresStopPrice() {
        return this == STOP || this == STOP_LIMIT;
    }
}
