package io.hftbus.bench;

/** Settings every contender shares, so that none has a bigger buffer than another. */
public final class Pipelines {

    /** Capacity of every bounded queue, lane, stream and ring: 2^14 slots. */
    public static final int CAPACITY = 1 << 14;

    private Pipelines() {
    }
}
