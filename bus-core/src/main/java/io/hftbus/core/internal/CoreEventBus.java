package io.hftbus.core.internal;

import io.hftbus.api.BackpressureException;
import io.hftbus.api.BusClosedException;
import io.hftbus.api.BusConfig;
import io.hftbus.api.DispatchMode;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventHandler;
import io.hftbus.api.EventStream;
import io.hftbus.api.LaneConfig;
import io.hftbus.api.Priority;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus: lanes, dispatch threads, the subscriber table and the close protocol.
 *
 * <p><b>Claims.</b> Every publish claims its sequence with one atomic increment of {@link #claims}.
 * {@code close()} sets the counter's sign bit in the same atomic variable, so claiming and the
 * closed check are one step: a claim either gets a sequence below the final count, and is then
 * owed a settlement, or sees the bit and is refused. A claimed sequence is settled exactly once:
 * polled from a lane (counted by the lane's {@link Lane#consumed}), refused at a full lane
 * ({@link #refused}), or taken off a lane by a forced close ({@link #abandoned}). Dispatch threads
 * leave only when the settled count reaches the final claim count, which is how {@code close()}
 * knows that nothing accepted is still on its way into a lane. No publish-side counter beyond the
 * claim is needed: the hot path has one atomic increment and the queue's CAS.
 */
public final class CoreEventBus implements EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(CoreEventBus.class);

    /** The sign bit of {@link #claims}: set once, by close. */
    private static final long CLOSED_BIT = Long.MIN_VALUE;
    private static final int BLOCK_SPINS = 128;
    private static final int BLOCK_YIELDS = 128;
    private static final long BLOCK_PARK_NANOS = 20_000L;

    private final BusConfig config;
    private final String name;
    final ObserverChain observers;
    private final Lane[] lanes;
    private final Dispatcher[] dispatchers;
    private final Thread[] threads;
    private final SubscriberTable table = new SubscriberTable();
    private final AtomicInteger subscriberIds = new AtomicInteger();
    private final long blockTimeoutNanos;

    private final PaddedCounter claims = new PaddedCounter(0);
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong dispatchFailures = new AtomicLong();
    private final RateLimitedLog dispatchFailureLog = new RateLimitedLog();

    private final AtomicBoolean closeStarted = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicInteger liveDispatchers;
    private final CountDownLatch terminated = new CountDownLatch(1);
    /** The claim count when close began; written before {@link #closing} is set. */
    private volatile long finalClaims = Long.MAX_VALUE;
    private volatile boolean closing;
    /** Set when close finished without its dispatch threads: a late offer must clean up after itself. */
    private volatile boolean forcedClosed;
    private volatile boolean drainedCleanly;

    /** Builds and starts a bus. */
    public CoreEventBus(BusConfig config) {
        this.config = config;
        this.name = config.name();
        this.observers = new ObserverChain(name, config.observers());
        this.blockTimeoutNanos = config.blockTimeout().toNanos();
        this.lanes = new Lane[Priority.count()];
        for (Priority priority : Priority.values()) {
            lanes[priority.ordinal()] = new Lane(priority, config.lane(priority));
        }
        if (config.dispatchMode() == DispatchMode.SINGLE_THREAD) {
            Dispatcher only = new Dispatcher(this, lanes.clone(), config.waitStrategy());
            for (Lane lane : lanes) {
                lane.dispatcher = only;
            }
            dispatchers = new Dispatcher[] {only};
        } else {
            dispatchers = new Dispatcher[lanes.length];
            for (int i = 0; i < lanes.length; i++) {
                dispatchers[i] = new Dispatcher(this, new Lane[] {lanes[i]}, config.waitStrategy());
                lanes[i].dispatcher = dispatchers[i];
            }
        }
        liveDispatchers = new AtomicInteger(dispatchers.length);
        threads = new Thread[dispatchers.length];
        for (int i = 0; i < dispatchers.length; i++) {
            String threadName = dispatchers.length == 1 ? "hftbus-" + name + "-dispatch"
                    : "hftbus-" + name + "-" + lanes[i].priority.name().toLowerCase(Locale.ROOT);
            threads[i] = newThread(config.threadFactory(), dispatchers[i], threadName);
            dispatchers[i].thread = threads[i];
        }
        observers.attached(this);
        // Thread.start() publishes everything above to the dispatch threads.
        for (Thread thread : threads) {
            thread.start();
        }
    }

    private static Thread newThread(ThreadFactory factory, Runnable task, String threadName) {
        if (factory == null) {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        }
        Thread thread = factory.newThread(task);
        if (thread == null) {
            throw new IllegalStateException("BusConfig.threadFactory returned null for dispatch thread " + threadName);
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
    // Publishing: the hot path. One atomic claim, one envelope, one queue offer, no lock, no logging.

    @Override
    public long publish(Event event) {
        if (event == null) {
            throw new NullPointerException("bus '" + name + "': event must not be null");
        }
        return publish(event, event.type().defaultPriority());
    }

    @Override
    public long publish(Event event, Priority priority) {
        // Validate before claiming: a claimed sequence must always be settled.
        if (event == null) {
            throw new NullPointerException("bus '" + name + "': event must not be null");
        }
        if (priority == null) {
            throw new NullPointerException("bus '" + name + "': priority must not be null for a "
                    + event.type() + " event");
        }
        // Full-fence increment: the claim order is the sequence order, and the sign bit is the closed flag.
        long sequence = claims.getAndIncrement();
        if (sequence < 0) {
            throw new BusClosedException(name, "publish " + event.type());
        }
        Envelope<Event> envelope = new Envelope<>(sequence, System.nanoTime(), priority, event);
        observers.published(envelope);
        Lane lane = lanes[priority.ordinal()];
        if (lane.queue.offer(envelope)) {
            afterOffer(lane);
            return sequence;
        }
        return laneFull(lane, envelope);
    }

    private void afterOffer(Lane lane) {
        // Read after the offer's CAS: pairs with the dispatcher's announce-then-recheck in park().
        lane.dispatcher.wakeIfSleeping();
        if (forcedClosed) {
            dropAbandoned(lane);
        }
    }

    private long laneFull(Lane lane, Envelope<Event> envelope) {
        switch (lane.policy) {
            case DROP_NEWEST:
                refuse(envelope);
                return NOT_ACCEPTED;
            case FAIL_FAST:
                refuse(envelope);
                throw backpressure(lane, envelope, BackpressureException.Cause.LANE_FULL);
            case BLOCK:
                return blockUntilOffered(lane, envelope);
            default:
                throw new AssertionError(lane.policy);
        }
    }

    private long blockUntilOffered(Lane lane, Envelope<Event> envelope) {
        long deadline = System.nanoTime() + blockTimeoutNanos;
        for (int round = 0; ; round++) {
            if (lane.queue.offer(envelope)) {
                afterOffer(lane);
                return envelope.sequence();
            }
            if (Thread.currentThread().isInterrupted()) {
                refuse(envelope);
                throw backpressure(lane, envelope, BackpressureException.Cause.INTERRUPTED);
            }
            if (round < BLOCK_SPINS) {
                Thread.onSpinWait();
            } else if (round < BLOCK_SPINS + BLOCK_YIELDS) {
                Thread.yield();
            } else if (System.nanoTime() - deadline >= 0) {
                refuse(envelope);
                throw backpressure(lane, envelope, BackpressureException.Cause.TIMED_OUT);
            } else {
                LockSupport.parkNanos(this, BLOCK_PARK_NANOS);
            }
        }
    }

    private void refuse(Envelope<Event> envelope) {
        refused.incrementAndGet();
        observers.dropped(envelope, null, DropReason.LANE_FULL);
    }

    private BackpressureException backpressure(Lane lane, Envelope<Event> envelope, BackpressureException.Cause cause) {
        return new BackpressureException(name, lane.priority, lane.capacity, envelope.type(), cause);
    }

    // ------------------------------------------------------------------------------------------------
    // Dispatch: called by the dispatch threads.

    void dispatch(Envelope<?> envelope) {
        Subscriber[] subscribers = table.forType(envelope.event().type().ordinal());
        long dispatchNanos = observers.isEmpty() ? 0L : System.nanoTime();
        for (Subscriber subscriber : subscribers) {
            subscriber.deliver(envelope, dispatchNanos);
        }
    }

    void handlerFailed(Envelope<?> envelope, Subscriber subscriber, Throwable failure) {
        observers.handlerFailed(envelope, subscriber, failure);
        long quiet = subscriber.failureLog.admit();
        if (quiet >= 0) {
            RateLimitedLog.warn(LOG, "bus '{}': handler '{}' threw on {} event sequence {} ({} more failures of it"
                    + " since the last report); the other subscribers got the event", new Object[] {name,
                    subscriber.name, envelope.type(), envelope.sequence(), quiet}, failure);
        }
    }

    boolean isClosing() {
        return closing;
    }

    /** Whether every sequence claimed before close has been polled, refused or abandoned. */
    boolean allClaimsSettled() {
        long settled = refused.get() + abandoned.get();
        for (Lane lane : lanes) {
            // Acquire: pairs with the dispatcher's release store of its count.
            settled += lane.consumed.getAcquire();
        }
        return settled >= finalClaims;
    }

    /** A dispatch thread caught something its loop should never see; it goes on draining. */
    void dispatchFailed(Throwable unexpected) {
        dispatchFailures.incrementAndGet();
        if (dispatchFailureLog.admit() >= 0) {
            RateLimitedLog.warn(LOG, "bus '{}': dispatch thread {} caught an unexpected failure ({} so far); it goes"
                    + " on, and close() will report the drain as not clean", new Object[] {name,
                    Thread.currentThread().getName(), dispatchFailures.get()}, unexpected);
        }
    }

    void dispatcherExited() {
        if (liveDispatchers.decrementAndGet() == 0) {
            finish(false);
        }
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
        return register(new HandlerSubscriber(this, subscriberName, EnumSet.of(eventType), claimCount(),
                (EventHandler<Event>) (EventHandler<?>) handler), eventType.name());
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
        return register(new HandlerSubscriber(this, subscriberName, EnumSet.allOf(EventType.class), claimCount(),
                handler), "all types");
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
        StreamSubscriber<E> stream = new StreamSubscriber<>(this, subscriberName, eventType, claimCount(), capacity);
        register(stream, eventType.name());
        return stream;
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

    /** The claim count now, without the closed bit: the sequence the next publish would get. */
    long claimCount() {
        return claims.get() & ~CLOSED_BIT;
    }

    private <S extends Subscriber> S register(S subscriber, String what) {
        if (closing || !table.add(subscriber)) {
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
        return lane(priority).queue.size();
    }

    @Override
    public int laneCapacity(Priority priority) {
        return lane(priority).capacity;
    }

    @Override
    public int laneHighWaterMark(Priority priority) {
        return lane(priority).highWaterMark;
    }

    private Lane lane(Priority priority) {
        if (priority == null) {
            throw new NullPointerException("bus '" + name + "': priority must not be null");
        }
        return lanes[priority.ordinal()];
    }

    // ------------------------------------------------------------------------------------------------
    // Closing.

    @Override
    public boolean isClosed() {
        return closing;
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
        if (closeStarted.compareAndSet(false, true)) {
            // Set the closed bit atomically with the claim counter: claims after this see it and are refused.
            long claimed;
            do {
                claimed = claims.get();
            } while (!claims.compareAndSet(claimed, claimed | CLOSED_BIT));
            finalClaims = claimed;
            closing = true;
            for (Dispatcher dispatcher : dispatchers) {
                LockSupport.unpark(dispatcher.thread);
            }
        }
        if (isDispatchThread(Thread.currentThread())) {
            // Waiting here would wait for ourselves; the drain completes when the handler returns.
            return false;
        }
        try {
            if (terminated.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                joinThreads(deadline);
                return drainedCleanly;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finish(true);
        return false;
    }

    private boolean isDispatchThread(Thread thread) {
        for (Thread dispatchThread : threads) {
            if (dispatchThread == thread) {
                return true;
            }
        }
        return false;
    }

    private void joinThreads(long deadline) throws InterruptedException {
        for (Thread thread : threads) {
            long remaining = deadline - System.nanoTime();
            if (remaining > 0) {
                TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
            }
        }
    }

    /**
     * Ends the bus once: by the last dispatch thread after a complete drain, or by {@code close()}
     * when the drain did not complete in time, in which case what is still in the lanes is reported
     * as dropped.
     */
    private void finish(boolean forced) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        if (forced) {
            forcedClosed = true;
            for (Lane lane : lanes) {
                dropAbandoned(lane);
            }
            LOG.warn("bus '{}': close timed out; {} accepted events dropped as BUS_CLOSED, dispatch threads still"
                    + " alive: {}", name, abandoned.get(), liveDispatchers.get());
        } else {
            drainedCleanly = dispatchFailures.get() == 0;
        }
        List<Subscriber> subscribers = table.close();
        for (Subscriber subscriber : subscribers) {
            if (forced) {
                // Written before active is cleared (both volatile): a dispatch thread still delivering,
                // which finds the subscriber inactive, then sees this and reports a BUS_CLOSED drop for
                // it instead of skipping it in silence (see Subscriber.accepts).
                subscriber.cutOffByClose = true;
            }
            subscriber.active = false;
            subscriber.ended();
        }
        observers.closed(this);
        terminated.countDown();
    }

    private void dropAbandoned(Lane lane) {
        Envelope<?> envelope;
        while ((envelope = lane.queue.poll()) != null) {
            abandoned.incrementAndGet();
            observers.dropped(envelope, null, DropReason.BUS_CLOSED);
        }
    }

    @Override
    public String toString() {
        return "EventBus[" + name + ", " + config.dispatchMode() + ", " + config.waitStrategy()
                + (closing ? ", closed" : "") + "]";
    }
}
