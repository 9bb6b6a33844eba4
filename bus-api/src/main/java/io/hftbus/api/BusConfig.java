package io.hftbus.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

/**
 * Everything a bus is built from. Made by {@link EventBusBuilder#config()}, or bound in a Dagger
 * component to configure the bus that {@code CoreModule} provides.
 *
 * @param name            the bus's name, used in thread names, logs and exception messages; not blank
 * @param lanes           one lane setting per {@link Priority}, all four present
 * @param waitStrategy    how idle dispatch threads wait
 * @param dispatchMode    one dispatch thread for all lanes, or one per lane
 * @param threadFactory   makes the dispatch threads; {@code null} for the bus's own named daemon
 *                        threads ({@code hftbus-<name>-dispatch} or {@code hftbus-<name>-<lane>})
 * @param blockTimeout    how long a {@link BackpressurePolicy#BLOCK} publisher waits, positive
 * @param shutdownTimeout how long {@code close()} waits for the drain and the threads, positive
 * @param stampPublishTime whether each publish reads {@link System#nanoTime()} into its envelopes;
 *                        when false they carry {@link Envelope#NOT_STAMPED}
 * @param observers       observers given to the bus at build time, in call order; copied
 */
public record BusConfig(String name, Map<Priority, LaneConfig> lanes, WaitStrategy waitStrategy,
                        DispatchMode dispatchMode, ThreadFactory threadFactory, Duration blockTimeout,
                        Duration shutdownTimeout, boolean stampPublishTime, List<BusObserver> observers) {

    /** Validates the settings and copies the collections. */
    public BusConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("BusConfig.name must not be null or blank but was '" + name + "'");
        }
        if (lanes == null) {
            throw new NullPointerException("BusConfig.lanes must not be null");
        }
        for (Priority priority : Priority.values()) {
            if (lanes.get(priority) == null) {
                throw new IllegalArgumentException("BusConfig.lanes must configure every priority but "
                        + priority + " is missing from " + lanes.keySet());
            }
        }
        lanes = Map.copyOf(lanes);
        if (waitStrategy == null) {
            throw new NullPointerException("BusConfig.waitStrategy must not be null");
        }
        if (dispatchMode == null) {
            throw new NullPointerException("BusConfig.dispatchMode must not be null");
        }
        requirePositive(blockTimeout, "blockTimeout");
        requirePositive(shutdownTimeout, "shutdownTimeout");
        if (observers == null) {
            throw new NullPointerException("BusConfig.observers must not be null");
        }
        for (int i = 0; i < observers.size(); i++) {
            if (observers.get(i) == null) {
                throw new NullPointerException("BusConfig.observers[" + i + "] must not be null");
            }
        }
        observers = List.copyOf(observers);
    }

    private static void requirePositive(Duration value, String field) {
        if (value == null) {
            throw new NullPointerException("BusConfig." + field + " must not be null");
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("BusConfig." + field + " must be positive but was " + value);
        }
    }

    /** The settings of the lane for {@code priority}. */
    public LaneConfig lane(Priority priority) {
        return lanes.get(priority);
    }

    /** The same settings with {@code extra} observers appended after the configured ones. */
    public BusConfig withObservers(Collection<? extends BusObserver> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        List<BusObserver> all = new ArrayList<>(observers);
        all.addAll(extra);
        return new BusConfig(name, lanes, waitStrategy, dispatchMode, threadFactory, blockTimeout,
                shutdownTimeout, stampPublishTime, all);
    }

    /** The default settings: what {@code EventBus.create()} uses. */
    public static BusConfig defaults() {
        return new EventBusBuilder().config();
    }
}
