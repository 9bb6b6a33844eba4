package io.hftbus.flow;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.LaneConfig;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The envelopes of one event type on a bus, as a {@link Flow.Publisher}: the way in for Reactive
 * Streams consumers (Reactor's {@code Flux.from}, RxJava's {@code Flowable.fromPublisher}, Pekko
 * Streams, Mutiny, or a {@link Flow.Subscriber} of one's own).
 *
 * <pre>{@code
 * EventFlow<MarketDataEvent> ticks = EventFlow.of(bus, MarketDataEvent.class);
 * ticks.subscribe(subscriber);   // or Flux.from(FlowAdapters.toPublisher(ticks)), JdkFlowAdapter, ...
 * }</pre>
 *
 * <p><b>A hot source.</b> Each {@link #subscribe} opens an {@link EventStream} of its own on the
 * bus, so a subscriber receives, exactly once and in the order the lanes accepted them, the
 * envelopes published after {@code subscribe} returned (see {@link io.hftbus.api.Subscription} for
 * the boundary), and none from before. Every subscriber sees every envelope: this is a multicast
 * publisher, as the bus is.
 *
 * <p><b>Demand and the buffer.</b> Nothing is signalled beyond what the subscriber
 * {@linkplain Flow.Subscription#request requested}. What it has not requested yet waits in its
 * stream's bounded queue, the buffer ({@link Builder#bufferSize}, by default
 * {@link Flow#defaultBufferSize()}); a subscriber that requests too slowly overflows it, and then
 * the bus drops and counts for that subscriber alone, as for any lagging stream, and the
 * {@link FlowOverflow} decides whether the subscriber hears of it. The bus, its publishers and the
 * other subscribers never wait for a subscriber.
 *
 * <p><b>Signalling threads.</b> Every subscription has one thread of its own that takes from its
 * stream and calls the subscriber: a daemon platform thread named
 * {@code hftbus-<bus>-flow-<subscription>} by default, or a task on the {@link Builder#executor}
 * given (on Java 21 and newer a virtual-thread executor makes a subscription cost no OS thread).
 * All the signals of one subscription come from that one thread, one after another (Reactive
 * Streams rule 1.3), starting with {@code onSubscribe}. {@code request} and {@code cancel} are safe
 * from any thread, also from inside the subscriber's methods; they never call the subscriber
 * themselves, so there is no recursion between {@code request} and {@code onNext} (rule 3.3).
 *
 * <p><b>The end.</b> When the bus closes, a subscription receives everything the bus accepted for
 * it (as demand allows) and then {@code onComplete}. {@code cancel()} unsubscribes its stream at
 * once. A subscriber that throws is isolated as a failing handler is: the failure is logged, its
 * subscription is cancelled, and nothing else (the bus, other subscribers) notices. A subscribe
 * that cannot be served (the bus is closed, the executor refused the task) is answered with
 * {@code onSubscribe} and then {@code onError} on the subscribing thread.
 *
 * <p>Thread-safe: any thread may subscribe, at any time. Subscribing takes no lock on the bus's
 * hot path; delivering into a subscription costs the dispatch thread what a stream costs.
 *
 * @param <E> the event record type
 */
public final class EventFlow<E extends Event> implements Flow.Publisher<Envelope<E>> {

    private static final Logger LOG = LoggerFactory.getLogger(EventFlow.class);

    private final EventBus bus;
    private final Class<E> type;
    private final String name;
    private final int bufferSize;
    private final FlowOverflow overflow;
    /** Where signalling tasks run; null for a thread of its own per subscription. */
    private final Executor executor;
    private final AtomicLong subscriptionsOpened = new AtomicLong();
    private final Set<FlowSubscription<E>> active = ConcurrentHashMap.newKeySet();

    private EventFlow(Builder<E> builder) {
        this.bus = builder.bus;
        this.type = builder.type;
        this.name = builder.name;
        this.bufferSize = builder.bufferSize;
        this.overflow = builder.overflow;
        this.executor = builder.executor;
    }

    /**
     * A flow of {@code type} on {@code bus} with the defaults: a buffer of
     * {@link Flow#defaultBufferSize()} per subscription, {@link FlowOverflow#ERROR}, a daemon thread
     * per subscription.
     *
     * @throws NullPointerException     if {@code bus} or {@code type} is null
     * @throws IllegalArgumentException if {@code type} is not one of the event records
     */
    public static <E extends Event> EventFlow<E> of(EventBus bus, Class<E> type) {
        return builder(bus, type).build();
    }

    /**
     * A builder of a flow of {@code type} on {@code bus}.
     *
     * @throws NullPointerException     if {@code bus} or {@code type} is null
     * @throws IllegalArgumentException if {@code type} is not one of the event records
     */
    public static <E extends Event> Builder<E> builder(EventBus bus, Class<E> type) {
        return new Builder<>(bus, type);
    }

    /**
     * Subscribes {@code subscriber}: opens its stream on the bus now, then calls its
     * {@code onSubscribe} on the subscription's signalling thread. Returns normally whatever
     * happens, except for a null subscriber (rule 1.9).
     *
     * @throws NullPointerException if {@code subscriber} is null
     */
    @Override
    public void subscribe(Flow.Subscriber<? super Envelope<E>> subscriber) {
        if (subscriber == null) {
            throw new NullPointerException("EventFlow '" + name + "': subscriber must not be null"
                    + " (Reactive Streams rule 1.9)");
        }
        String subscriptionName = name + "#" + subscriptionsOpened.incrementAndGet();
        EventStream<E> stream;
        try {
            stream = bus.stream(subscriptionName, type, bufferSize);
        } catch (RuntimeException refused) {
            // Mostly BusClosedException: a closed bus serves no new subscriber (rule 1.9: onSubscribe, then onError).
            refuse(subscriber, refused);
            return;
        }
        FlowSubscription<E> subscription = new FlowSubscription<>(this, subscriptionName, stream, subscriber, overflow);
        active.add(subscription);
        try {
            start(subscription);
        } catch (RuntimeException | OutOfMemoryError notStarted) {
            // A RejectedExecutionException, or no thread could be made: nothing has signalled yet.
            active.remove(subscription);
            stream.unsubscribe();
            refuse(subscriber, notStarted);
        }
    }

    private void start(FlowSubscription<E> subscription) {
        if (executor != null) {
            executor.execute(subscription::signal);
            return;
        }
        Thread thread = new Thread(subscription::signal, "hftbus-" + bus.name() + "-flow-" + subscription.name());
        thread.setDaemon(true);
        thread.start();
    }

    /** Rule 1.9's answer to a subscribe that cannot be served: a subscription that does nothing, then the cause. */
    private void refuse(Flow.Subscriber<? super Envelope<E>> subscriber, Throwable cause) {
        try {
            subscriber.onSubscribe(RefusedSubscription.INSTANCE);
            subscriber.onError(cause);
        } catch (Throwable failure) {
            subscriberFailed(name, "onSubscribe or onError of a refused subscription", failure);
        }
    }

    /** Called by a subscription's signalling thread as its last act. */
    void ended(FlowSubscription<E> subscription) {
        active.remove(subscription);
    }

    /**
     * Logs a subscriber's failure at WARN with its stack trace, and never throws: the subscriber's
     * own {@code toString()} may throw too, and a log line must not end the signalling thread
     * before it has let go of the subscription.
     */
    static void subscriberFailed(String subscription, String signal, Throwable failure) {
        try {
            LOG.warn("flow subscription '{}': the subscriber threw from {}; the subscription is cancelled",
                    subscription, signal, failure);
        } catch (Throwable describingFailed) {
            try {
                LOG.warn("flow subscription '{}': the subscriber threw a {} from {}; the subscription is cancelled",
                        subscription, failure.getClass().getName(), signal);
            } catch (Throwable ignored) {
                // The logger itself is failing; there is nowhere left to report to.
            }
        }
    }

    /** The flow's name: its subscriptions are named {@code <name>#<n>}, and so are their streams on the bus. */
    public String name() {
        return name;
    }

    /** The bus the flow reads. */
    public EventBus bus() {
        return bus;
    }

    /** The event record type of the flow. */
    public Class<E> type() {
        return type;
    }

    /** How many envelopes each subscription buffers at most, as configured (its stream rounds it up to a power of two). */
    public int bufferSize() {
        return bufferSize;
    }

    /** What a subscription that overflows its buffer tells its subscriber. */
    public FlowOverflow overflow() {
        return overflow;
    }

    /**
     * The subscriptions whose signalling thread is still running, in no particular order: for
     * monitoring. A snapshot; safe from any thread.
     */
    public List<FlowSubscription<E>> subscriptions() {
        return List.copyOf(active);
    }

    @Override
    public String toString() {
        return "EventFlow[" + name + " of " + EventType.of(type) + " on bus '" + bus.name() + "', buffer "
                + bufferSize + ", " + overflow + "]";
    }

    /**
     * Configures an {@link EventFlow}. Not thread-safe; use one builder on one thread.
     *
     * @param <E> the event record type
     */
    public static final class Builder<E extends Event> {

        private final EventBus bus;
        private final Class<E> type;
        private String name;
        private int bufferSize = Flow.defaultBufferSize();
        private FlowOverflow overflow = FlowOverflow.ERROR;
        private Executor executor;

        private Builder(EventBus bus, Class<E> type) {
            this.bus = Objects.requireNonNull(bus, "EventFlow.bus must not be null");
            this.type = Objects.requireNonNull(type, "EventFlow.type must not be null");
            this.name = "flow-" + EventType.of(type).name().toLowerCase(Locale.ROOT);
        }

        /** Names the flow (default {@code flow-<type>}, for example {@code flow-market_data}). */
        public Builder<E> name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("EventFlow.name must not be null or blank but was '" + name + "'");
            }
            this.name = name;
            return this;
        }

        /**
         * How many envelopes a subscription holds for its subscriber before it overflows, within
         * {@code [2, 2^30]}, rounded up to a power of two; default {@link Flow#defaultBufferSize()}
         * (256). Each subscription allocates its buffer when it is opened.
         */
        public Builder<E> bufferSize(int bufferSize) {
            if (bufferSize < 2 || bufferSize > LaneConfig.MAX_CAPACITY) {
                throw new IllegalArgumentException("EventFlow.bufferSize must be within [2, " + LaneConfig.MAX_CAPACITY
                        + "] but was " + bufferSize);
            }
            this.bufferSize = bufferSize;
            return this;
        }

        /** What a subscription that overflows tells its subscriber; default {@link FlowOverflow#ERROR}. */
        public Builder<E> overflow(FlowOverflow overflow) {
            this.overflow = Objects.requireNonNull(overflow, "EventFlow.overflow must not be null");
            return this;
        }

        /**
         * Runs each subscription's signalling loop as one task on {@code executor}, instead of on a
         * thread of its own. The task runs for as long as the subscription lasts and blocks while
         * there is nothing to signal, so the executor must give every task its own thread: on Java
         * 21 and newer {@code Executors.newVirtualThreadPerTaskExecutor()}, which is what makes ten
         * thousand subscriptions cheap; a fixed pool smaller than the number of subscriptions
         * starves the ones that find no thread. A task the executor refuses ends that subscribe in
         * {@code onError} with the {@code RejectedExecutionException}; a task that is interrupted
         * ends its subscription in {@code onError}.
         */
        public Builder<E> executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "EventFlow.executor must not be null");
            return this;
        }

        /** The flow; it opens nothing on the bus until someone subscribes. */
        public EventFlow<E> build() {
            return new EventFlow<>(this);
        }
    }

    /** The subscription a refused subscriber gets before its {@code onError}: requests and cancels are no-ops (rule 1.6). */
    private static final class RefusedSubscription implements Flow.Subscription {

        static final RefusedSubscription INSTANCE = new RefusedSubscription();

        @Override
        public void request(long n) {
            // Already terminated.
        }

        @Override
        public void cancel() {
            // Already terminated.
        }
    }
}
