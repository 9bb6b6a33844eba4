package io.hftbus.api.event;

/** How long an order stays working. */
public enum TimeInForce {
    /** Until the end of the trading day. */
    DAY,
    /** Until cancelled. */
    GOOD_TILL_CANCEL,
    /** Fill what can be filled at once, cancel the rest. */
    IMMEDIATE_OR_CANCEL,
    /** Fill all at once or nothing. */
    FILL_OR_KILL
}
