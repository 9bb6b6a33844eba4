package io.hftbus.bench;

/** Who publishes to whom in a benchmark. Every contender runs every topology it supports. */
public enum Topology {
    /** One publisher thread, one push handler. */
    ONE_TO_ONE(1, 1, false, "1→1"),
    /** One publisher thread, three push handlers that each see every event. */
    ONE_TO_THREE(1, 3, false, "1→3 fan-out"),
    /** Two publisher threads, one push handler. */
    TWO_TO_ONE(2, 1, false, "2→1"),
    /** One publisher thread, one application thread pulling from a stream. */
    ONE_TO_ONE_PULL(1, 1, true, "1→1 pull");

    private final int publishers;
    private final int receivers;
    private final boolean pull;
    private final String label;

    Topology(int publishers, int receivers, boolean pull, String label) {
        this.publishers = publishers;
        this.receivers = receivers;
        this.pull = pull;
        this.label = label;
    }

    /** How many threads publish. */
    public int publishers() {
        return publishers;
    }

    /** How many receivers see every event. */
    public int receivers() {
        return receivers;
    }

    /** Whether the receiver pulls on its own thread instead of being called. */
    public boolean pull() {
        return pull;
    }

    /** The column heading in the tables. */
    public String label() {
        return label;
    }
}
