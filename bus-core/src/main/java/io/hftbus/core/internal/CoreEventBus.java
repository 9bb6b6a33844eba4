package io.hftbus.core.internal;

import io.hftbus.api.BusClosedException;
import io.hftbus.api.BusConfig;
import io.hftbus.api.DispatchMode;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventHandler;
import io.hftbus.api.EventStream;
import io.hftbus.api.ExclusivePublisher;
import io.hftbus.api.GroupOptions;
import io.hftbus.api.LaneConfig;
import io.hftbus.api.Priority;
import io.hftbus.api.Subscription;
import io.hftbus.api.WaitStrategy;
import io.hftbus.api.WorkerGroup;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.core.idle.BackoffIdleStrategy;
import io.hftbus.core.idle.BlockingIdleStrategy;
import io.hftbus.core.idle.BusySpinIdleStrategy;
import io.hftbus.core.idle.IdleStrategy;
import io.hftbus.core.idle.WakeableSleeper;
import io.hftbus.core.idle.YieldingIdleStrategy;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The bus: builds the lanes, the dispatch threads and the close protocol, and offers the API. The
 * hot path lives in three classes, read in this order: {@link Publication} (stamp, envelope,
 * observers, offer), {@link Lane} (the bounded queue) and {@link Dispatcher} (take, route,
 * deliver). How the bus closes is {@link CloseProtocol}'s; worker groups and sharded subscriptions
 * are {@link ParallelSubscriber}s.
 */
public final class CoreEventBus implements EventBus {

    /** Spins after a burst before a YIELDING or BACKOFF dispatch thread looks at its lanes again. */
    static final int HOLD_OFF_SPINS = 16;
    /** Spinning steps of YIELDING and BACKOFF dispatch threads before they yield. */
    static final int DISPATCH_SPINS = 256;
    /** Yielding steps of a BACKOFF dispatch thread before it parks. */
    static final int DISPATCH_YIELDS = 64;
    /** Longest park of a dispatch thread before it looks at its lanes without a wake-up. */
    static final long PARK_SAFETY_NANOS = 100_000_000L;

    private final BusConfig config;
    private final String name;
    private final Lane[] lanes;
    private final Thread[] threads;
    private final SubscriberTable table = new SubscriberTable();
    private final AtomicInteger subscriberIds = new AtomicInteger();
    private final HandlerFailures handlerFailures;
    private final GroupRegistry groups = new GroupRegistry();
    /** What every worker group takes from the bus. */
    private final ParallelSubscriber.GroupSetting groupSetting;
    private final CloseProtocol close;
    private final PublishContext publishing;
    /** The publication of each thread that calls {@link #publish(Event)}: its own sequence block. */
    private final ThreadLocal<Publication> threadPublications;

    /**
     * Builds and starts a bus.
     *
     * @throws IllegalStateException if an observer refuses to attach (nothing is started) or the
     *                               thread factory returns null
     */
    public CoreEventBus(BusConfig config) {
        this.config = config;
        this.name = config.name();
        this.handlerFailures = new HandlerFailures(name);
        ObserverChain observers = new ObserverChain(name, config.observers());
        this.lanes = new Lane[Priority.count()];
        for (Priority priority : Priority.values()) {
            lanes[priority.ordinal()] = new Lane(priority, config.lane(priority));
        }
        Lane[][] lanesOfEachDispatcher = config.dispatchMode() == DispatchMode.SINGLE_THREAD
                ? new Lane[][] {lanes.clone()}
                : new Lane[][] {{lanes[0]}, {lanes[1]}, {lanes[2]}, {lanes[3]}};
        this.close = new CloseProtocol(name, lanes, table, observers, groups, lanesOfEachDispatcher.length);
        this.threads = new Thread[lanesOfEachDispatcher.length];
        Function<WakeableSleeper, IdleStrategy> idleStrategy = idleStrategy(config.waitStrategy());
        this.groupSetting = new ParallelSubscriber.GroupSetting(handlerFailures, observers, groups, idleStrategy,
                parks(config.waitStrategy()));
        for (int i = 0; i < threads.length; i++) {
            Dispatcher dispatcher = new Dispatcher(lanesOfEachDispatcher[i], table, observers, idleStrategy, close,
                    config.stampPublishTime(), PARK_SAFETY_NANOS);
            for (Lane lane : lanesOfEachDispatcher[i]) {
                lane.wakeup = dispatcher.sleeper;
            }
            String threadName = threads.length == 1 ? "hftbus-" + name + "-dispatch"
                    : "hftbus-" + name + "-" + lanesOfEachDispatcher[i][0].priority.name().toLowerCase(Locale.ROOT);
            threads[i] = newThread(config.threadFactory(), dispatcher, threadName, "dispatch thread " + threadName);
        }
        close.attach(this, threads);
        this.publishing = new PublishContext(name, lanes, config.stampPublishTime(), config.blockTimeout().toNanos(),
                close, observers);
        this.threadPublications = ThreadLocal.withInitial(() -> Publication.ofCurrentThread(publishing));
        // Throws if one refuses: then no thread has started and nothing is installed.
        observers.attached(this);
        // Thread.start() publishes everything above to the dispatch threads.
        for (Thread thread : threads) {
            thread.start();
        }
    }

    /** The one mapping from the configured {@link WaitStrategy} to its idle strategy class. */
    private static Function<WakeableSleeper, IdleStrategy> idleStrategy(WaitStrategy waitStrategy) {
        switch (waitStrategy) {
            case BUSY_SPIN:
                return sleeper -> new BusySpinIdleStrategy();
            case YIELDING:
                return sleeper -> new YieldingIdleStrategy(HOLD_OFF_SPINS, DISPATCH_SPINS);
            case BACKOFF:
                return sleeper -> new BackoffIdleStrategy(HOLD_OFF_SPINS, DISPATCH_SPINS, DISPATCH_YIELDS, sleeper);
            case BLOCKING:
                return BlockingIdleStrategy::new;
            default:
                throw new AssertionError(waitStrategy);
        }
    }

    /** Whether the idle strategy of {@code waitStrategy} can park its thread, which then needs waking. */
    private static boolean parks(WaitStrategy waitStrategy) {
        return waitStrategy == WaitStrategy.BACKOFF || waitStrategy == WaitStrategy.BLOCKING;
    }

    /**
     * A thread of the bus, not started: from the configured factory, or a daemon thread named
     * {@code threadName} without one.
     *
     * @param what names the thread in the error if the factory returns null
     */
    static Thread newThread(ThreadFactory factory, Runnable task, String threadName, String what) {
        if (factory == null) {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        }
        Thread thread = factory.newThread(task);
        if (thread == null) {
            throw new IllegalStateException("BusConfig.threadFactory returned null for " + what);
        }
        return thread;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BusConfig config() {
        return config;
    }

    // ------------------------------------------------------------------------------------------------
    // Publishing: each thread through its own publication (Publication holds the hot path).

    @Override
    public long publish(Event event) {
        return threadPublications.get().publish(event);
    }

    @Override
    public long publish(Event event, Priority priority) {
        return threadPublications.get().publish(event, priority);
    }

    @Override
    public int publishBatch(List<? extends Event> events) {
        return threadPublications.get().publishBatch(events);
    }

    @Override
    public int publishBatch(List<? extends Event> events, Priority priority) {
        return threadPublications.get().publishBatch(events, priority);
    }

    @Override
    public ExclusivePublisher exclusivePublisher(String name) {
        return newExclusivePublisher(name, Envelope.LOCAL_ORIGIN);
    }

    @Override
    public ExclusivePublisher exclusivePublisher(String name, int origin) {
        if (origin <= Envelope.LOCAL_ORIGIN) {
            throw new IllegalArgumentException("bus '" + this.name + "': exclusive publisher '" + name
                    + "' must have a positive origin (0 is the bus's own), but was " + origin);
        }
        return newExclusivePublisher(name, origin);
    }

    private ExclusivePublisher newExclusivePublisher(String name, int origin) {
        if (name == null) {
            throw new NullPointerException("bus '" + this.name + "': exclusive publisher name must not be null");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("bus '" + this.name + "': exclusive publisher name must not be blank");
        }
        if (close.isClosing()) {
            throw new BusClosedException(this.name, "exclusive publisher '" + name + "'");
        }
        return new Publication(publishing, name, origin);
    }

    // ------------------------------------------------------------------------------------------------
    // Subscribing.

    @Override
    public <E extends Event> Subscription subscribe(Class<E> type, EventHandler<E> handler) {
        return subscribe(null, type, handler);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E extends Event> Subscription subscribe(String name, Class<E> type, EventHandler<E> handler) {
        EventType eventType = requireType(type);
        if (handler == null) {
            throw new NullPointerException("bus '" + this.name + "': handler must not be null for " + eventType);
        }
        String subscriberName = nameOrDefault(name, "handler", eventType);
        // The table hands the handler only envelopes of its type.
        return register(new HandlerSubscriber(this, subscriberName, EnumSet.of(eventType), lanePositions(),
                (EventHandler<Event>) (EventHandler<?>) handler, handlerFailures), eventType.name());
    }

    @Override
    public Subscription subscribeAll(EventHandler<Event> handler) {
        return subscribeAll(null, handler);
    }

    @Override
    public Subscription subscribeAll(String name, EventHandler<Event> handler) {
        if (handler == null) {
            throw new NullPointerException("bus '" + this.name + "': handler must not be null");
        }
        String subscriberName = nameOrDefault(name, "all-types-handler", null);
        return register(new HandlerSubscriber(this, subscriberName, EnumSet.allOf(EventType.class), lanePositions(),
                handler, handlerFailures), "all types");
    }

    @Override
    public <E extends Event> EventStream<E> stream(Class<E> type) {
        return stream(null, type, LaneConfig.DEFAULT_CAPACITY);
    }

    @Override
    public <E extends Event> EventStream<E> stream(Class<E> type, int capacity) {
        return stream(null, type, capacity);
    }

    @Override
    public <E extends Event> EventStream<E> stream(String name, Class<E> type, int capacity) {
        EventType eventType = requireType(type);
        if (capacity < 2 || capacity > LaneConfig.MAX_CAPACITY) {
            throw new IllegalArgumentException("bus '" + this.name + "': stream capacity for " + eventType
                    + " must be within [2, " + LaneConfig.MAX_CAPACITY + "] but was " + capacity);
        }
        String subscriberName = nameOrDefault(name, "stream", eventType);
        StreamSubscriber<E> stream = new StreamSubscriber<>(this, subscriberName, eventType, lanePositions(), capacity);
        register(stream, eventType.name());
        return stream;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E extends Event> WorkerGroup subscribeGroup(String name, Class<E> type, int workers,
                                                        EventHandler<E> handler, GroupOptions options) {
        EventType eventType = requireType(type);
        // The table hands the handler only envelopes of its type.
        return subscribeGroup(name, EnumSet.of(eventType), workers, (EventHandler<Event>) (EventHandler<?>) handler,
                options);
    }

    @Override
    public WorkerGroup subscribeGroup(String name, Set<EventType> types, int workers, EventHandler<Event> handler,
                                      GroupOptions options) {
        String what = "worker group '" + name + "'";
        requireGroupName(name, "worker group");
        if (types == null) {
            throw new NullPointerException("bus '" + this.name + "': event types must not be null for " + what);
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("bus '" + this.name + "': " + what + " must have at least one event type");
        }
        for (EventType type : types) {
            if (type == null) {
                throw new NullPointerException("bus '" + this.name + "': event types of " + what + " must not contain null");
            }
        }
        requireGroupArguments(what, "workers", workers, handler, options);
        return start(new GroupSubscriber(this, name, EnumSet.copyOf(types), lanePositions(), handler, options, workers,
                groupSetting), what);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E extends Event> WorkerGroup subscribeSharded(String name, Class<E> type, Function<? super E, ?> keyFunction,
                                                          int shards, EventHandler<E> handler, GroupOptions options) {
        String what = "sharded subscription '" + name + "'";
        requireGroupName(name, "sharded subscription");
        EventType eventType = requireType(type);
        if (keyFunction == null) {
            throw new NullPointerException("bus '" + this.name + "': key function must not be null for " + what);
        }
        requireGroupArguments(what, "shards", shards, handler, options);
        // The table hands the key function and the handler only events of the type.
        return start(new ShardedSubscriber(this, name, eventType, lanePositions(), (Function<Object, ?>) keyFunction,
                (EventHandler<Event>) (EventHandler<?>) handler, options, shards, groupSetting), what);
    }

    private void requireGroupName(String given, String kind) {
        if (given == null) {
            throw new NullPointerException("bus '" + name + "': " + kind + " name must not be null");
        }
        if (given.isBlank()) {
            throw new IllegalArgumentException("bus '" + name + "': " + kind + " name must not be blank");
        }
    }

    private void requireGroupArguments(String what, String countName, int count, EventHandler<?> handler,
                                       GroupOptions options) {
        if (count < 1 || count > MAX_WORKERS) {
            throw new IllegalArgumentException("bus '" + name + "': " + what + " must have " + countName + " within [1, "
                    + MAX_WORKERS + "] but had " + count);
        }
        if (handler == null) {
            throw new NullPointerException("bus '" + name + "': handler must not be null for " + what);
        }
        if (options == null) {
            throw new NullPointerException("bus '" + name + "': options must not be null for " + what);
        }
    }

    /**
     * Makes the group's threads, enters it in the registry and then the table, and starts the
     * threads; a bus closed meanwhile starts none.
     */
    private <S extends ParallelSubscriber> S start(S group, String what) {
        if (close.isClosing()) {
            throw new BusClosedException(name, "subscribe " + what);
        }
        group.createThreads(config.threadFactory(), name);
        // The registry first: from the table on, a dispatch thread may hand it envelopes, and the close
        // must then know it (see GroupRegistry).
        groups.add(group);
        try {
            register(group, what);
        } catch (RuntimeException closed) {
            groups.remove(group);
            throw closed;
        }
        group.startThreads();
        return group;
    }

    @Override
    public List<Subscription> subscriptions() {
        return List.copyOf(table.all());
    }

    private EventType requireType(Class<? extends Event> type) {
        if (type == null) {
            throw new NullPointerException("bus '" + name + "': event type must not be null");
        }
        return EventType.of(type);
    }

    private String nameOrDefault(String given, String kind, EventType type) {
        if (given != null) {
            if (given.isBlank()) {
                throw new IllegalArgumentException("bus '" + name + "': subscription name must not be blank");
            }
            return given;
        }
        return kind + "-" + subscriberIds.incrementAndGet() + (type == null ? "" : "-" + type.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Every lane's producer position now, by lane ordinal: read before a new subscriber enters the
     * table, so that it is owed exactly what the lanes accept from here on.
     */
    long[] lanePositions() {
        long[] positions = new long[lanes.length];
        for (Lane lane : lanes) {
            positions[lane.ordinal] = lane.producerPosition();
        }
        return positions;
    }

    private <S extends Subscriber> S register(S subscriber, String what) {
        if (close.isClosing() || !table.add(subscriber)) {
            throw new BusClosedException(name, "subscribe to " + what);
        }
        return subscriber;
    }

    void unsubscribe(Subscriber subscriber) {
        // Clear the flag first: a dispatch thread holding the old table checks it before delivering.
        subscriber.active = false;
        if (table.remove(subscriber)) {
            subscriber.ended();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Lanes.

    @Override
    public int laneDepth(Priority priority) {
        return lane(priority).size();
    }

    @Override
    public int laneCapacity(Priority priority) {
        return lane(priority).capacity;
    }

    @Override
    public int laneHighWaterMark(Priority priority) {
        return lane(priority).highWaterMark();
    }

    private Lane lane(Priority priority) {
        if (priority == null) {
            throw new NullPointerException("bus '" + name + "': priority must not be null");
        }
        return lanes[priority.ordinal()];
    }

    // ------------------------------------------------------------------------------------------------
    // Closing: see CloseProtocol.

    @Override
    public boolean isClosed() {
        return close.isClosing();
    }

    @Override
    public void close() {
        close(config.shutdownTimeout());
    }

    @Override
    public boolean close(Duration timeout) {
        if (timeout == null) {
            throw new NullPointerException("bus '" + name + "': close timeout must not be null");
        }
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        close.begin();
        Thread current = Thread.currentThread();
        if (close.isDispatchThread(current) || groups.isWorkerThread(current)) {
            // Waiting here would wait for ourselves; the drain completes when the handler returns.
            return false;
        }
        return close.await(deadline);
    }

    @Override
    public String toString() {
        return "EventBus[" + name + ", " + config.dispatchMode() + ", " + config.waitStrategy()
                + (close.isClosing() ? ", closed" : "") + "]";
    }
}
