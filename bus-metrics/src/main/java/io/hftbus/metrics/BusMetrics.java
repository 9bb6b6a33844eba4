package io.hftbus.metrics;

import static io.hftbus.metrics.BusMeterNames.TAG_BUS;
import static io.hftbus.metrics.BusMeterNames.TAG_LANE;
import static io.hftbus.metrics.BusMeterNames.TAG_QUANTILE;
import static io.hftbus.metrics.BusMeterNames.TAG_REASON;
import static io.hftbus.metrics.BusMeterNames.TAG_SUBSCRIBER;
import static io.hftbus.metrics.BusMeterNames.TAG_TYPE;

import io.hftbus.api.DropReason;
import io.hftbus.api.EventBus;
import io.hftbus.api.Priority;
import io.hftbus.api.event.EventType;
import io.hftbus.api.stats.BusStats;
import io.hftbus.api.stats.LatencySnapshot;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.api.stats.SubscriberStats;
import io.hftbus.api.stats.TypeStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Micrometer {@link MeterBinder} over a bus's {@link BusStats}: per event type the published,
 * received and dropped counts (by reason), handler failures and latency percentiles; per lane its
 * depth, capacity and high-water mark; per subscriber its handler failures, or a stream's lag and
 * backlog. {@link BusMeterNames} lists the meters and their tags.
 *
 * <pre>{@code
 * StatsCollector stats = new StatsCollector();
 * try (EventBus bus = EventBus.builder().name("trading").observer(stats).build();
 *      BusMetrics metrics = BusMetrics.of(bus, stats)) {
 *     metrics.bindTo(registry);     // a PrometheusMeterRegistry, say
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Nothing is added to the bus's hot path.</b> The meters are function meters: a registry
 * that reads one (a scrape, a publishing step) reads a {@link StatsSnapshot}, the counters the
 * statistics keep anyway. A snapshot serves every meter read within
 * {@linkplain Builder#snapshotMaxAge(Duration) its maximum age}, so a scrape of all the meters
 * takes one snapshot and its figures are of one moment.
 *
 * <p><b>Subscribers</b> come and go, so their meters are kept in step with the bus's
 * subscriptions: at {@link #bindTo} and then every
 * {@linkplain Builder#subscriberRefresh(Duration) refresh interval}, on the binder's own daemon
 * thread, or when the application calls {@link #refreshSubscribers()}. Subscriptions that share a
 * name share a meter, which sums them.
 *
 * <p><b>Latency</b> figures are of everything since the bus started, in the registry's time unit
 * (seconds for Prometheus). On a bus that does not stamp publish times they read NaN, never a zero
 * that could pass for a measurement.
 *
 * <p><b>Threads.</b> Registries read the meters from their own threads; every method may be called
 * from any thread. {@link #close()} stops the refresh and removes the meters from every registry
 * this binder was bound to; the bus and its statistics are not closed.
 */
public final class BusMetrics implements MeterBinder, AutoCloseable {

    /** How old a snapshot may be and still serve a meter read, unless the builder says otherwise. */
    public static final Duration DEFAULT_SNAPSHOT_MAX_AGE = Duration.ofSeconds(1);

    /** How often the subscriber meters follow the subscriptions, unless the builder says otherwise. */
    public static final Duration DEFAULT_SUBSCRIBER_REFRESH = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(BusMetrics.class);

    /** The latency quantiles exported, with the tag value of each. */
    private static final String[] QUANTILE_TAGS = {"0.5", "0.9", "0.99", "0.999"};
    private static final List<ToLongFunction<LatencySnapshot>> QUANTILES =
            List.of(LatencySnapshot::p50, LatencySnapshot::p90, LatencySnapshot::p99, LatencySnapshot::p999);

    private final String busName;
    private final SnapshotCache cache;
    private final long subscriberRefreshNanos;

    /** Per bound registry, the meters registered in it. Guarded by {@code this}. */
    private final Map<MeterRegistry, Bound> bound = new IdentityHashMap<>();
    /** Started with the first {@link #bindTo} when refreshing is on. Guarded by {@code this}. */
    private ScheduledExecutorService refresher;
    /** Guarded by {@code this}. */
    private boolean closed;

    private BusMetrics(Builder builder) {
        this.busName = builder.busName;
        this.cache = new SnapshotCache(builder.stats, builder.snapshotMaxAge.toNanos());
        this.subscriberRefreshNanos = builder.subscriberRefresh.toNanos();
    }

    /**
     * A binder over {@code stats}, with meters tagged with the bus's name, and the default snapshot
     * age and refresh interval.
     *
     * @throws NullPointerException if an argument is null
     */
    public static BusMetrics of(EventBus bus, BusStats stats) {
        if (bus == null) {
            throw new NullPointerException("bus must not be null");
        }
        return builder(bus.name(), stats).build();
    }

    /**
     * A builder of a binder over {@code stats}, whose meters carry {@code busName} in their
     * {@value BusMeterNames#TAG_BUS} tag.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code busName} is blank
     */
    public static Builder builder(String busName, BusStats stats) {
        return new Builder(busName, stats);
    }

    /** The bus name the meters are tagged with. */
    public String busName() {
        return busName;
    }

    /**
     * Registers the meters in {@code registry}; binding to a registry again does nothing.
     *
     * @throws IllegalStateException if this binder is closed
     * @throws NullPointerException  if {@code registry} is null
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (registry == null) {
            throw new NullPointerException("registry must not be null");
        }
        if (closed) {
            throw new IllegalStateException("BusMetrics of bus '" + busName + "' is closed: bind a new one");
        }
        if (bound.containsKey(registry)) {
            return;
        }
        Bound meters = new Bound();
        bound.put(registry, meters);
        for (EventType type : EventType.values()) {
            bindType(registry, type, meters.fixed);
        }
        for (Priority lane : Priority.values()) {
            bindLane(registry, lane, meters.fixed);
        }
        refreshLocked(cache.current());
        if (subscriberRefreshNanos > 0 && refresher == null) {
            refresher = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "hftbus-metrics-" + busName);
                thread.setDaemon(true);
                return thread;
            });
            refresher.scheduleWithFixedDelay(this::refreshQuietly, subscriberRefreshNanos, subscriberRefreshNanos,
                    TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Brings the subscriber meters of every bound registry in step with the subscriptions now:
     * registers those of new subscription names, removes those of names no subscription has any more.
     * The binder's refresh thread calls it; an application may too (say, right after subscribing).
     */
    public void refreshSubscribers() {
        // The snapshot first, outside this binder's lock: it takes the statistics' read lock.
        StatsSnapshot snapshot = cache.current();
        synchronized (this) {
            if (!closed) {
                refreshLocked(snapshot);
            }
        }
    }

    /** Stops the refresh and removes this binder's meters from every registry; idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (Map.Entry<MeterRegistry, Bound> entry : bound.entrySet()) {
                MeterRegistry registry = entry.getKey();
                entry.getValue().fixed.forEach(registry::remove);
                entry.getValue().subscribers.values().forEach(meters -> meters.forEach(registry::remove));
            }
            bound.clear();
            stopping = refresher;
            refresher = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "BusMetrics[bus '" + busName + "']";
    }

    // ------------------------------------------------------------------------------------------------

    private void refreshQuietly() {
        try {
            refreshSubscribers();
        } catch (RuntimeException e) {
            // A failed refresh must not end the schedule: the next one tries again.
            LOG.warn("Refreshing the subscriber meters of bus '{}' failed", busName, e);
        }
    }

    /** Under {@code this}. */
    private void refreshLocked(StatsSnapshot snapshot) {
        Set<SubscriberKey> present = new LinkedHashSet<>();
        for (SubscriberStats subscriber : snapshot.subscribers()) {
            present.add(new SubscriberKey(subscriber.name(), subscriber.kind()));
        }
        for (Map.Entry<MeterRegistry, Bound> entry : bound.entrySet()) {
            MeterRegistry registry = entry.getKey();
            Map<SubscriberKey, List<Meter>> subscribers = entry.getValue().subscribers;
            for (Iterator<Map.Entry<SubscriberKey, List<Meter>>> it = subscribers.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<SubscriberKey, List<Meter>> meters = it.next();
                if (!present.contains(meters.getKey())) {
                    meters.getValue().forEach(registry::remove);
                    it.remove();
                }
            }
            for (SubscriberKey key : present) {
                subscribers.computeIfAbsent(key, k -> bindSubscriber(registry, k));
            }
        }
    }

    private void bindType(MeterRegistry registry, EventType type, List<Meter> meters) {
        Tags tags = Tags.of(TAG_BUS, busName, TAG_TYPE, type.name());
        meters.add(counter(BusMeterNames.EVENTS_PUBLISHED, tags,
                "Events published, including those a full lane refused", s -> s.of(type).published(), registry));
        meters.add(counter(BusMeterNames.EVENTS_RECEIVED, tags,
                "Deliveries to subscribers, one per subscriber", s -> s.of(type).received(), registry));
        for (DropReason reason : DropReason.values()) {
            ToLongFunction<TypeStats> dropped = droppedBy(reason);
            meters.add(counter(BusMeterNames.EVENTS_DROPPED, tags.and(TAG_REASON, reason.name()),
                    "Events dropped, by reason", s -> dropped.applyAsLong(s.of(type)), registry));
        }
        meters.add(counter(BusMeterNames.EVENTS_HANDLER_FAILURES, tags,
                "Handler calls that threw", s -> s.of(type).handlerFailures(), registry));
        for (int q = 0; q < QUANTILES.size(); q++) {
            ToLongFunction<LatencySnapshot> quantile = QUANTILES.get(q);
            meters.add(timeGauge(BusMeterNames.EVENTS_LATENCY, tags.and(TAG_QUANTILE, QUANTILE_TAGS[q]),
                    "Publish-to-dispatch latency since the bus started, at the quantile",
                    s -> latencyNanos(s.of(type).latency(), quantile), registry));
        }
        meters.add(timeGauge(BusMeterNames.EVENTS_LATENCY_MAX, tags,
                "Highest publish-to-dispatch latency since the bus started",
                s -> latencyNanos(s.of(type).latency(), LatencySnapshot::max), registry));
        meters.add(FunctionCounter.builder(BusMeterNames.EVENTS_LATENCY_COUNT, cache,
                        fromSnapshot(s -> latencyNanos(s.of(type).latency(), LatencySnapshot::count)))
                .tags(tags).description("Latency values recorded, one per dispatched envelope").register(registry));
    }

    private void bindLane(MeterRegistry registry, Priority lane, List<Meter> meters) {
        Tags tags = Tags.of(TAG_BUS, busName, TAG_LANE, lane.name());
        meters.add(gauge(BusMeterNames.LANE_DEPTH, tags, "Envelopes waiting in the lane",
                s -> s.lane(lane).depth(), registry));
        meters.add(gauge(BusMeterNames.LANE_CAPACITY, tags, "Envelopes the lane holds at most",
                s -> s.lane(lane).capacity(), registry));
        meters.add(gauge(BusMeterNames.LANE_HIGH_WATER_MARK, tags,
                "Highest depth the dispatch thread saw since the bus started",
                s -> s.lane(lane).highWaterMark(), registry));
    }

    private List<Meter> bindSubscriber(MeterRegistry registry, SubscriberKey key) {
        Tags tags = Tags.of(TAG_BUS, busName, TAG_SUBSCRIBER, key.name());
        List<Meter> meters = new ArrayList<>(2);
        if (key.kind() == SubscriberStats.Kind.HANDLER) {
            meters.add(counter(BusMeterNames.SUBSCRIBER_HANDLER_FAILURES, tags, "Handler calls of the subscriber that threw",
                    s -> sum(s, key, SubscriberStats::handlerFailures), registry));
        } else {
            meters.add(counter(BusMeterNames.STREAM_LAGGED, tags,
                    "Envelopes the stream dropped because its queue was full",
                    s -> sum(s, key, SubscriberStats::lagged), registry));
            meters.add(gauge(BusMeterNames.STREAM_BACKLOG, tags, "Envelopes waiting in the stream's queue",
                    s -> sum(s, key, SubscriberStats::backlog), registry));
        }
        return meters;
    }

    private Meter counter(String name, Tags tags, String description, ToLongFunction<StatsSnapshot> value,
                          MeterRegistry registry) {
        return FunctionCounter.builder(name, cache, fromSnapshot(s -> value.applyAsLong(s)))
                .tags(tags).description(description).register(registry);
    }

    private Meter gauge(String name, Tags tags, String description, ToLongFunction<StatsSnapshot> value,
                        MeterRegistry registry) {
        return Gauge.builder(name, cache, fromSnapshot(s -> value.applyAsLong(s)))
                .tags(tags).description(description).register(registry);
    }

    private Meter timeGauge(String name, Tags tags, String description, ToDoubleFunction<StatsSnapshot> nanos,
                            MeterRegistry registry) {
        return TimeGauge.builder(name, cache, TimeUnit.NANOSECONDS, fromSnapshot(nanos))
                .tags(tags).description(description).register(registry);
    }

    /**
     * A meter function over the current snapshot. Micrometer keeps a function meter's object only
     * weakly; the function holds the cache itself, so that the meters read for as long as a registry
     * keeps them, whether or not the application keeps this binder.
     */
    private ToDoubleFunction<SnapshotCache> fromSnapshot(ToDoubleFunction<StatsSnapshot> value) {
        SnapshotCache held = cache;
        return ignored -> value.applyAsDouble(held.current());
    }

    private static double latencyNanos(LatencySnapshot latency, ToLongFunction<LatencySnapshot> figure) {
        return latency.available() ? figure.applyAsLong(latency) : Double.NaN;
    }

    private static ToLongFunction<TypeStats> droppedBy(DropReason reason) {
        switch (reason) {
            case LANE_FULL:
                return TypeStats::droppedLaneFull;
            case STREAM_LAGGING:
                return TypeStats::droppedStreamLagging;
            case BUS_CLOSED:
                return TypeStats::droppedBusClosed;
            default:
                throw new AssertionError(reason);
        }
    }

    private static long sum(StatsSnapshot snapshot, SubscriberKey key, ToLongFunction<SubscriberStats> figure) {
        long sum = 0;
        for (SubscriberStats subscriber : snapshot.subscribers()) {
            if (subscriber.kind() == key.kind() && subscriber.name().equals(key.name())) {
                sum += figure.applyAsLong(subscriber);
            }
        }
        return sum;
    }

    /** The meters of one registry. */
    private static final class Bound {
        final List<Meter> fixed = new ArrayList<>();
        final Map<SubscriberKey, List<Meter>> subscribers = new HashMap<>();
    }

    /** Subscriptions of one name and kind share their meters. */
    private record SubscriberKey(String name, SubscriberStats.Kind kind) {
    }

    /**
     * Builds a {@link BusMetrics}. Not thread-safe; the binder it builds is.
     */
    public static final class Builder {

        private final String busName;
        private final BusStats stats;
        private Duration snapshotMaxAge = DEFAULT_SNAPSHOT_MAX_AGE;
        private Duration subscriberRefresh = DEFAULT_SUBSCRIBER_REFRESH;

        private Builder(String busName, BusStats stats) {
            if (busName == null) {
                throw new NullPointerException("busName must not be null");
            }
            if (busName.isBlank()) {
                throw new IllegalArgumentException("busName must not be blank");
            }
            if (stats == null) {
                throw new NullPointerException("stats must not be null");
            }
            this.busName = busName;
            this.stats = stats;
        }

        /**
         * How old a snapshot may be and still serve a meter read; {@link Duration#ZERO} takes one
         * per read. Default {@link #DEFAULT_SNAPSHOT_MAX_AGE}: a scrape, which reads every meter
         * within milliseconds, takes one snapshot.
         *
         * @throws IllegalArgumentException if negative
         * @throws NullPointerException     if null
         */
        public Builder snapshotMaxAge(Duration maxAge) {
            this.snapshotMaxAge = requireNotNegative("snapshotMaxAge", maxAge);
            return this;
        }

        /**
         * How often the binder's own thread brings the subscriber meters in step with the
         * subscriptions; {@link Duration#ZERO} starts no thread, and the meters follow only at
         * {@link BusMetrics#bindTo} and {@link BusMetrics#refreshSubscribers()}. Default
         * {@link #DEFAULT_SUBSCRIBER_REFRESH}.
         *
         * @throws IllegalArgumentException if negative
         * @throws NullPointerException     if null
         */
        public Builder subscriberRefresh(Duration interval) {
            this.subscriberRefresh = requireNotNegative("subscriberRefresh", interval);
            return this;
        }

        /** The binder; it registers nothing until {@link BusMetrics#bindTo} is called. */
        public BusMetrics build() {
            return new BusMetrics(this);
        }

        private static Duration requireNotNegative(String name, Duration value) {
            if (value == null) {
                throw new NullPointerException(name + " must not be null");
            }
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative but was " + value);
            }
            return value;
        }
    }
}
