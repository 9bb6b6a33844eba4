package io.hftbus.api.event;

/** Whether a fill added liquidity to the book or took it. */
public enum Liquidity {
    /** The order rested in the book and was hit. */
    MAKER,
    /** The order crossed the spread. */
    TAKER
}
