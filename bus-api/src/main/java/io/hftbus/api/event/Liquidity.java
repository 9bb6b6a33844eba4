package io.hftbus.api.event;

/** Whether a fill added liquidity to the book or took it. */
public enum Liquidity implements WireCoded {
    /** The order rested in the book and was hit. */
    MAKER(0),
    /** The order crossed the spread. */
    TAKER(1);

    private final int wireCode;

    Liquidity(int wireCode) {
        this.wireCode = wireCode;
    }

    /** {@inheritDoc} */
    @Override
    public int wireCode() {
        return wireCode;
    }
}
