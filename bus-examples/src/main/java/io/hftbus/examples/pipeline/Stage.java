package io.hftbus.examples.pipeline;

import io.hftbus.api.EventBus;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.ErrorEvent;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.HealthStatus;
import io.hftbus.api.event.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A pipeline stage: a named component that handles events of some types on the bus's dispatch
 * thread and publishes its results back onto the bus.
 *
 * <p><b>Threading.</b> The pipeline runs on a bus with {@code DispatchMode.SINGLE_THREAD} (the
 * default), so every handler of every stage runs on the one dispatch thread and stage state needs
 * no synchronisation. A stage may also hand one type to a
 * {@linkplain #onSharded sharded subscription}, whose handler runs on the shards' threads and keeps
 * its state per key, or to a {@linkplain #onGroup worker group}, whose handler keeps none. The counters are atomic, since handlers of one stage may run on several
 * threads, and read by the monitor's thread.
 *
 * <p><b>Failures.</b> When a handler throws, the stage counts it, publishes an {@link ErrorEvent}
 * naming itself, the exception and the event it was handling, and rethrows, so that the bus also
 * counts and logs the failure. The stage goes on with the next event.
 *
 * <p><b>Clock.</b> Stages never read the wall clock: their time is the timestamp of the event they
 * handle, so a backtest behaves like the live run it replays.
 */
public abstract class Stage {

    private final String name;
    protected final EventBus bus;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param name the stage's name in dashboards, health and error events
     * @param bus  the bus it subscribes to and publishes on
     */
    protected Stage(String name, EventBus bus) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank but was '" + name + "'");
        }
        if (bus == null) {
            throw new NullPointerException("bus must not be null");
        }
        this.name = name;
        this.bus = bus;
    }

    /**
     * Subscribes the stage's handlers to its bus.
     *
     * @throws IllegalStateException if the stage is attached already
     */
    public final void attach() {
        if (!subscriptions.isEmpty()) {
            throw new IllegalStateException("stage '" + name + "' is attached already");
        }
        subscribeHandlers();
    }

    /** Subscribes the handlers with {@link #on}; called once, by {@link #attach()}. */
    protected abstract void subscribeHandlers();

    /**
     * Subscribes {@code handler} to events of {@code type}, counting each call and reporting
     * failures as described on the class.
     */
    protected final <E extends Event> void on(Class<E> type, Consumer<E> handler) {
        subscriptions.add(bus.subscribe(name + "/" + type.getSimpleName(), type,
                envelope -> handle(envelope.event(), handler)));
    }

    /**
     * As {@link #on}, on a subscription sharded by {@code key}: the handler is called on the
     * shards' threads, each key's events on one thread in order, different shards concurrently.
     */
    protected final <E extends Event> void onSharded(Class<E> type, Function<? super E, ?> key, int shards,
                                                     Consumer<E> handler) {
        subscriptions.add(bus.subscribeSharded(name + "/" + type.getSimpleName(), type, key, shards,
                envelope -> handle(envelope.event(), handler)));
    }

    /**
     * As {@link #on}, on a worker group of {@code workers} threads: each event goes to whichever
     * worker is free, so the handler runs on up to {@code workers} threads at once, in no order, and
     * must keep no state between calls.
     */
    protected final <E extends Event> void onGroup(Class<E> type, int workers, Consumer<E> handler) {
        subscriptions.add(bus.subscribeGroup(name + "/" + type.getSimpleName(), type, workers,
                envelope -> handle(envelope.event(), handler)));
    }

    private <E extends Event> void handle(E event, Consumer<E> handler) {
        handled.incrementAndGet();
        try {
            handler.accept(event);
        } catch (RuntimeException | Error failure) {
            failures.incrementAndGet();
            try {
                bus.publish(new ErrorEvent(event.timestamp(), name, Severity.ERROR,
                        failure.getClass().getSimpleName(),
                        "while handling " + event.type() + ": " + failure.getMessage()));
            } catch (RuntimeException unreported) {
                // A closing bus, or a full lane past its timeout: the failure itself still goes to the bus.
                failure.addSuppressed(unreported);
            }
            throw failure;
        }
    }

    /** Unsubscribes the stage's handlers. */
    public final void detach() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
    }

    /** The stage's name. */
    public final String name() {
        return name;
    }

    /** Events the stage's handlers have been called with. */
    public final long handled() {
        return handled.get();
    }

    /** Handler calls that threw. */
    public final long failures() {
        return failures.get();
    }

    /**
     * The stage's own view of its health, for the monitor; called on the monitor's thread. Stages
     * that can be impaired by something other than failures override it.
     */
    public HealthStatus health() {
        return HealthStatus.HEALTHY;
    }

    /** A short explanation of {@link #health()}; empty when there is nothing to say. */
    public String healthDetail() {
        return "";
    }
}
