package io.hftbus.api.event;

/** Why the risk manager refused a signal; carried by {@link RejectedSignalEvent}. */
public enum RiskRejectReason implements WireCoded {
    /** The resulting position would exceed the per-symbol position limit. */
    POSITION_LIMIT(0),
    /** The order quantity exceeds the per-order size limit. */
    ORDER_SIZE_LIMIT(1),
    /** The order notional exceeds the notional limit. */
    NOTIONAL_LIMIT(2),
    /** The realised plus unrealised loss has reached the loss limit. */
    LOSS_LIMIT(3),
    /** Trading is halted for the symbol or for the whole book. */
    TRADING_HALTED(4),
    /** The symbol is not on the list of tradable instruments. */
    SYMBOL_NOT_ALLOWED(5),
    /** The signal is older than the accepted age. */
    STALE_SIGNAL(6),
    /** Any other reason; the event's detail says which. */
    OTHER(7);

    private final int wireCode;

    RiskRejectReason(int wireCode) {
        this.wireCode = wireCode;
    }

    /** {@inheritDoc} */
    @Override
    public int wireCode() {
        return wireCode;
    }
}
