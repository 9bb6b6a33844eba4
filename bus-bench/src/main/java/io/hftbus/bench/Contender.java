package io.hftbus.bench;

import io.hftbus.api.BusObserver;
import io.hftbus.recorder.BusRecorder;
import io.hftbus.stats.StatsCollector;
import java.util.List;

/** Everything measured: the bus with and without its optional observers, and the peers. */
public enum Contender {
    /** hftbus with no observer. */
    BUS("hftbus"),
    /** hftbus with the statistics observer ({@code StatsCollector}). */
    BUS_STATS("hftbus + stats"),
    /** hftbus with the statistics observer and the in-memory recorder (a ring of 100,000 envelopes). */
    BUS_STATS_RECORDER("hftbus + stats + recorder"),
    /** Raw JCTools MPMC queue hand-off to a consumer thread: the baseline of every ratio. */
    JCTOOLS("JCTools MPMC hand-off"),
    /**
     * The JCTools hand-off of an envelope stamped as the bus stamps it (sequence claim, time stamp,
     * allocation): the bus's design without its lanes, routing and dispatch.
     */
    JCTOOLS_ENVELOPE("JCTools hand-off of a bus envelope"),
    /** {@link java.util.concurrent.ArrayBlockingQueue} to a consumer thread. */
    ARRAY_BLOCKING_QUEUE("ArrayBlockingQueue"),
    /** LMAX Disruptor 4 with multicast handlers. */
    DISRUPTOR("Disruptor 4"),
    /** Guava AsyncEventBus on a one-thread executor. */
    GUAVA("Guava AsyncEventBus");

    private final String label;

    Contender(String label) {
        this.label = label;
    }

    /** The row heading in the tables. */
    public String label() {
        return label;
    }

    /** Whether this contender can run the topology at all. */
    public boolean supports(Topology topology) {
        return !(this == GUAVA && topology.pull());
    }

    /** What the waiting family means for this contender, for the tables. */
    public String waitLabel(Waiting waiting) {
        switch (this) {
            case BUS:
            case BUS_STATS:
            case BUS_STATS_RECORDER:
                return waiting == Waiting.YIELDING ? "YIELDING" : "BACKOFF";
            case JCTOOLS:
            case JCTOOLS_ENVELOPE:
                return waiting == Waiting.YIELDING ? "spin, yield" : "spin, yield, park";
            case ARRAY_BLOCKING_QUEUE:
                return waiting == Waiting.YIELDING ? "poll, spin, yield" : "take (blocking)";
            case DISRUPTOR:
                return waiting == Waiting.YIELDING ? "YieldingWaitStrategy" : "PhasedBackoff (lite lock)";
            case GUAVA:
                return "executor (blocking)";
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Whether the latency harness runs the contender with this waiting family: Guava has one
     * strategy only, and the stamped JCTools hand-off is a throughput control only.
     */
    public boolean has(Waiting waiting) {
        if (this == JCTOOLS_ENVELOPE) {
            return false;
        }
        return this != GUAVA || waiting == Waiting.BACKOFF;
    }

    /**
     * Builds and starts the pipeline.
     *
     * @param receivers one per receiver of the topology
     * @throws IllegalArgumentException if the contender does not support the topology
     */
    public Pipeline open(Topology topology, Waiting waiting, Receiver[] receivers) {
        if (!supports(topology)) {
            throw new IllegalArgumentException(label + " has no " + topology.label() + " topology");
        }
        if (receivers.length != topology.receivers()) {
            throw new IllegalArgumentException(topology.label() + " needs " + topology.receivers()
                    + " receivers but got " + receivers.length);
        }
        switch (this) {
            case BUS:
                return new BusPipeline(topology, waiting, receivers, List.<BusObserver>of());
            case BUS_STATS:
                return new BusPipeline(topology, waiting, receivers, List.<BusObserver>of(new StatsCollector()));
            case BUS_STATS_RECORDER:
                return new BusPipeline(topology, waiting, receivers,
                        List.<BusObserver>of(new StatsCollector(), BusRecorder.create()));
            case JCTOOLS:
                return new JCToolsPipeline(waiting, receivers, false);
            case JCTOOLS_ENVELOPE:
                return new JCToolsPipeline(waiting, receivers, true);
            case ARRAY_BLOCKING_QUEUE:
                return new BlockingQueuePipeline(waiting, receivers);
            case DISRUPTOR:
                return new DisruptorPipeline(topology, waiting, receivers);
            case GUAVA:
                return new GuavaPipeline(receivers);
            default:
                throw new AssertionError(this);
        }
    }
}
