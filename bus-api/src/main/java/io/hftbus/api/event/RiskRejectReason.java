package io.hftbus.api.event;

/** Why the risk manager refused a signal; carried by {@link RejectedSignalEvent}. */
public enum RiskRejectReason {
    /** The resulting position would exceed the per-symbol position limit. */
    POSITION_LIMIT,
    /** The order quantity exceeds the per-order size limit. */
    ORDER_SIZE_LIMIT,
    /** The order notional exceeds the notional limit. */
    NOTIONAL_LIMIT,
    /** The realised plus unrealised loss has reached the loss limit. */
    LOSS_LIMIT,
    /** Trading is halted for the symbol or for the whole book. */
    TRADING_HALTED,
    /** The symbol is not on the list of tradable instruments. */
    SYMBOL_NOT_ALLOWED,
    /** The signal is older than the accepted age. */
    STALE_SIGNAL,
    /** Any other reason; the event's detail says which. */
    OTHER
}
