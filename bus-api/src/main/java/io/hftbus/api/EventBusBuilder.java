package io.hftbus.api;

import io.hftbus.api.spi.EventBusProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadFactory;

/**
 * Builds a {@link BusConfig}, and from it a bus through the {@link EventBusProvider} found by
 * {@link ServiceLoader} (the {@code io.hftbus.core} module provides one). Not thread-safe; use one
 * builder on one thread.
 *
 * <p><b>Defaults.</b> Name {@code "hftbus"}; every lane {@value LaneConfig#DEFAULT_CAPACITY}
 * envelopes (rounded up to a power of two); {@link WaitStrategy#BACKOFF};
 * {@link DispatchMode#SINGLE_THREAD}; block timeout 1 s; shutdown timeout 10 s; publish times
 * stamped. Backpressure by
 * lane, so that orders and fills are never silently dropped and market data never stalls its
 * publisher:
 * <ul>
 *   <li>{@link Priority#CRITICAL}: {@link BackpressurePolicy#BLOCK} — an order waits for room, and
 *       its publisher hears about it if none comes;</li>
 *   <li>{@link Priority#HIGH}: {@link BackpressurePolicy#DROP_NEWEST} — a feed handler never
 *       stalls; the next tick supersedes the lost one, and the loss is counted;</li>
 *   <li>{@link Priority#NORMAL}: {@link BackpressurePolicy#BLOCK} — signals are not lost;</li>
 *   <li>{@link Priority#LOW}: {@link BackpressurePolicy#DROP_NEWEST} — metrics and health are
 *       periodic and expendable.</li>
 * </ul>
 */
public final class EventBusBuilder {

    private String name = "hftbus";
    private final Map<Priority, LaneConfig> lanes = new EnumMap<>(Priority.class);
    private WaitStrategy waitStrategy = WaitStrategy.BACKOFF;
    private DispatchMode dispatchMode = DispatchMode.SINGLE_THREAD;
    private ThreadFactory threadFactory;
    private Duration blockTimeout = Duration.ofSeconds(1);
    private Duration shutdownTimeout = Duration.ofSeconds(10);
    private boolean stampPublishTime = true;
    private final List<BusObserver> observers = new ArrayList<>();

    /** A builder with the defaults; see the class description. */
    public EventBusBuilder() {
        lanes.put(Priority.CRITICAL, new LaneConfig(LaneConfig.DEFAULT_CAPACITY, BackpressurePolicy.BLOCK));
        lanes.put(Priority.HIGH, new LaneConfig(LaneConfig.DEFAULT_CAPACITY, BackpressurePolicy.DROP_NEWEST));
        lanes.put(Priority.NORMAL, new LaneConfig(LaneConfig.DEFAULT_CAPACITY, BackpressurePolicy.BLOCK));
        lanes.put(Priority.LOW, new LaneConfig(LaneConfig.DEFAULT_CAPACITY, BackpressurePolicy.DROP_NEWEST));
    }

    /** Names the bus (thread names, logs, exception messages). */
    public EventBusBuilder name(String name) {
        this.name = name;
        return this;
    }

    /** Sets the capacity of every lane. */
    public EventBusBuilder laneCapacity(int capacity) {
        for (Priority priority : Priority.values()) {
            laneCapacity(priority, capacity);
        }
        return this;
    }

    /** Sets the capacity of one lane. */
    public EventBusBuilder laneCapacity(Priority lane, int capacity) {
        LaneConfig current = lanes.get(requireLane(lane));
        lanes.put(lane, new LaneConfig(capacity, current.backpressure()));
        return this;
    }

    /** Sets the backpressure policy of one lane. */
    public EventBusBuilder backpressure(Priority lane, BackpressurePolicy policy) {
        LaneConfig current = lanes.get(requireLane(lane));
        lanes.put(lane, new LaneConfig(current.capacity(), policy));
        return this;
    }

    /** Sets the backpressure policy of every lane. */
    public EventBusBuilder backpressure(BackpressurePolicy policy) {
        for (Priority priority : Priority.values()) {
            backpressure(priority, policy);
        }
        return this;
    }

    /** Sets how idle dispatch threads wait. */
    public EventBusBuilder waitStrategy(WaitStrategy waitStrategy) {
        this.waitStrategy = waitStrategy;
        return this;
    }

    /** Sets how lanes map to dispatch threads. */
    public EventBusBuilder dispatchMode(DispatchMode dispatchMode) {
        this.dispatchMode = dispatchMode;
        return this;
    }

    /**
     * Replaces the factory of dispatch threads, for example to pin them to cores. The threads it
     * makes are started by the bus and must not be started by the factory.
     */
    public EventBusBuilder threadFactory(ThreadFactory threadFactory) {
        this.threadFactory = threadFactory;
        return this;
    }

    /** Sets how long a {@link BackpressurePolicy#BLOCK} publisher waits for room. */
    public EventBusBuilder blockTimeout(Duration blockTimeout) {
        this.blockTimeout = blockTimeout;
        return this;
    }

    /** Sets how long {@code close()} waits for the drain and the dispatch threads. */
    public EventBusBuilder shutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
        return this;
    }

    /**
     * Sets whether publishing stamps each envelope with {@link System#nanoTime()} (the default).
     *
     * <p>Reading the clock is a large part of a publish's cost. A bus that does not stamp gives its
     * envelopes {@link Envelope#NOT_STAMPED} instead, and whatever is derived from the publish time
     * becomes unavailable rather than wrong: the statistics report no latency, and a journal of
     * such a bus cannot be replayed at its recorded pace. Sequences, priorities, ordering and
     * accounting are the same either way.
     */
    public EventBusBuilder stampPublishTime(boolean stampPublishTime) {
        this.stampPublishTime = stampPublishTime;
        return this;
    }

    /** Adds an observer; observers are called in the order they were added. */
    public EventBusBuilder observer(BusObserver observer) {
        if (observer == null) {
            throw new NullPointerException("observer must not be null");
        }
        observers.add(observer);
        return this;
    }

    /**
     * The settings built so far.
     *
     * @throws IllegalArgumentException or {@link NullPointerException} naming the bad setting
     */
    public BusConfig config() {
        return new BusConfig(name, lanes, waitStrategy, dispatchMode, threadFactory, blockTimeout,
                shutdownTimeout, stampPublishTime, observers);
    }

    /**
     * Builds and starts a bus from the settings, through the first {@link EventBusProvider} that
     * {@link ServiceLoader} finds.
     *
     * @throws IllegalStateException if no provider is on the module path or class path
     */
    public EventBus build() {
        BusConfig config = config();
        Iterator<EventBusProvider> providers = ServiceLoader.load(EventBusProvider.class).iterator();
        if (!providers.hasNext()) {
            throw new IllegalStateException("no io.hftbus.api.spi.EventBusProvider found for bus '" + config.name()
                    + "': put the bus-core module (io.hftbus.core) on the module path or class path");
        }
        return providers.next().create(config);
    }

    private static Priority requireLane(Priority lane) {
        if (lane == null) {
            throw new NullPointerException("lane must not be null");
        }
        return lane;
    }
}
