package io.hftbus.bench;

import io.hftbus.api.BusObserver;
import io.hftbus.recorder.BusRecorder;
import io.hftbus.stats.StatsCollector;
import java.util.List;

/** Everything measured: the bus with and without its optional observers, its ways in, and the peers. */
public enum Contender {
    /** hftbus with no observer, {@code EventBus.publish} (safe from any thread), publish times stamped. */
    BUS("hftbus"),
    /** hftbus with no observer, each publisher through its own exclusive publisher, publish times not stamped. */
    BUS_EXCLUSIVE("hftbus exclusive, not stamped"),
    /** hftbus with no observer, exclusive publishers publishing batches of {@value #BATCH}, stamped. */
    BUS_BATCH("hftbus batch of " + Contender.BATCH),
    /** hftbus with the statistics observer ({@code StatsCollector}). */
    BUS_STATS("hftbus + stats"),
    /** hftbus with the statistics observer and the in-memory recorder (a ring of 100,000 envelopes). */
    BUS_STATS_RECORDER("hftbus + stats + recorder"),
    /**
     * hftbus read through its {@code Flow.Publisher} view ({@code EventFlow}) by a subscriber that
     * asks for {@value FlowPipeline#PREFETCH} and tops up by {@value FlowPipeline#TOP_UP}, as
     * Reactor's {@code limitRate} does; the pull topology only, beside {@link #BUS}'s stream.
     */
    BUS_FLOW("hftbus Flow view, limitRate(" + FlowPipeline.PREFETCH + ")"),
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
    /** LMAX Disruptor 4, publishing batches of {@value #BATCH} with its own {@code publishEvents}. */
    DISRUPTOR_BATCH("Disruptor 4 publishEvents of " + Contender.BATCH),
    /** Guava AsyncEventBus on a one-thread executor. */
    GUAVA("Guava AsyncEventBus"),
    /**
     * {@link #BUS_STATS} with the web monitor open and one client on its event stream: what watching
     * the bus costs its hot path (a throughput case only, in {@code io.hftbus.bench.monitor}).
     */
    BUS_STATS_MONITOR("hftbus + stats + web monitor with an event-stream client");

    /** Events per batch of the batch-publishing contenders. */
    public static final int BATCH = 32;

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
        if (this == BUS_BATCH || this == DISRUPTOR_BATCH) {
            // Measured where their targets are: one publisher, pushed to handlers.
            return topology == Topology.ONE_TO_ONE || topology == Topology.ONE_TO_THREE;
        }
        if (this == BUS_FLOW) {
            // A Flow subscriber runs on a thread of its own, as the pull topology's reader does.
            return topology == Topology.ONE_TO_ONE_PULL;
        }
        return !(this == GUAVA && topology.pull());
    }

    /** How many events a publisher hands over per call: {@value #BATCH} for the batch contenders, else 1. */
    public int batchSize() {
        return this == BUS_BATCH || this == DISRUPTOR_BATCH ? BATCH : 1;
    }

    /** What the waiting family means for this contender, for the tables. */
    public String waitLabel(Waiting waiting) {
        switch (this) {
            case BUS:
            case BUS_EXCLUSIVE:
            case BUS_BATCH:
            case BUS_STATS:
            case BUS_STATS_RECORDER:
            case BUS_STATS_MONITOR:
                return waiting.name();
            case BUS_FLOW:
                return waiting.name() + "; subscriber: spin, yield, take";
            case JCTOOLS:
            case JCTOOLS_ENVELOPE:
                return waiting == Waiting.BUSY_SPIN ? "spin" : waiting == Waiting.YIELDING ? "spin, yield"
                        : "spin, yield, park";
            case ARRAY_BLOCKING_QUEUE:
                return waiting == Waiting.BUSY_SPIN ? "poll, spin" : waiting == Waiting.YIELDING ? "poll, spin, yield"
                        : "take (blocking)";
            case DISRUPTOR:
            case DISRUPTOR_BATCH:
                return waiting == Waiting.BUSY_SPIN ? "BusySpinWaitStrategy" : waiting == Waiting.YIELDING
                        ? "YieldingWaitStrategy" : "PhasedBackoff (lite lock)";
            case GUAVA:
                return "executor (blocking)";
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Whether the latency harness runs the contender with this waiting family: Guava has one
     * strategy only; the stamped JCTools hand-off, the batch publishers, the Flow view and the watched bus are
     * throughput cases only; busy-spinning is run for the bus (both ways in), its statistics, and the two peers its
     * target names.
     */
    public boolean has(Waiting waiting) {
        switch (this) {
            case JCTOOLS_ENVELOPE:
            case BUS_BATCH:
            case DISRUPTOR_BATCH:
            case BUS_FLOW:
            case BUS_STATS_MONITOR:
                return false;
            case GUAVA:
                return waiting == Waiting.BACKOFF;
            case BUS:
            case BUS_EXCLUSIVE:
            case BUS_STATS:
            case JCTOOLS:
            case DISRUPTOR:
                return true;
            default:
                return waiting != Waiting.BUSY_SPIN;
        }
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
                return new BusPipeline(topology, waiting, receivers, List.<BusObserver>of(), BusPipeline.Mode.CONCURRENT);
            case BUS_EXCLUSIVE:
                return new BusPipeline(topology, waiting, receivers, List.<BusObserver>of(),
                        BusPipeline.Mode.EXCLUSIVE_UNSTAMPED);
            case BUS_BATCH:
                return new BusPipeline(topology, waiting, receivers, List.<BusObserver>of(),
                        BusPipeline.Mode.EXCLUSIVE_BATCH);
            case BUS_STATS:
                return new BusPipeline(topology, waiting, receivers, List.<BusObserver>of(new StatsCollector()),
                        BusPipeline.Mode.CONCURRENT);
            case BUS_STATS_RECORDER:
                return new BusPipeline(topology, waiting, receivers,
                        List.<BusObserver>of(new StatsCollector(), BusRecorder.create()), BusPipeline.Mode.CONCURRENT);
            case BUS_FLOW:
                return new FlowPipeline(waiting, receivers[0]);
            case BUS_STATS_MONITOR:
                return new BusPipeline(topology, waiting, receivers, List.<BusObserver>of(new StatsCollector()),
                        BusPipeline.Mode.CONCURRENT, true);
            case JCTOOLS:
                return new JCToolsPipeline(waiting, receivers, false);
            case JCTOOLS_ENVELOPE:
                return new JCToolsPipeline(waiting, receivers, true);
            case ARRAY_BLOCKING_QUEUE:
                return new BlockingQueuePipeline(waiting, receivers);
            case DISRUPTOR:
                return new DisruptorPipeline(topology, waiting, receivers, false);
            case DISRUPTOR_BATCH:
                return new DisruptorPipeline(topology, waiting, receivers, true);
            case GUAVA:
                return new GuavaPipeline(receivers);
            default:
                throw new AssertionError(this);
        }
    }
}
