package io.hftbus.flow;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventStream;
import io.hftbus.api.event.Event;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One subscriber's subscription to an {@link EventFlow}: its stream on the bus (the buffer), its
 * outstanding demand, and the loop that its signalling thread runs. The {@link Flow.Subscription}
 * that {@code onSubscribe} receives is one of these; a subscriber may cast it to read
 * {@link #lagged()} and the buffer's fill.
 *
 * <p><b>The signalling loop</b> takes the next envelope from the stream (spinning briefly, then
 * blocking in {@link EventStream#take()}, which parks without holding a monitor and so never pins a
 * virtual thread), waits for demand if there is none, and calls {@code onNext}. The stream's end
 * (the bus closed and delivered everything) becomes {@code onComplete} once the envelopes before it
 * are signalled. At most one envelope is held outside the stream while demand is awaited, so a
 * subscription buffers at most its stream's capacity plus one.
 *
 * <p><b>Demand.</b> {@link #request} adds to {@link #demand} (saturating at {@code Long.MAX_VALUE},
 * which counts as unbounded: rule 3.17) and, only when it lifts demand from zero, takes the lock to
 * wake the loop. The loop alone subtracts, in bulk: it remembers how much it has signalled since it
 * last read the demand and settles the difference when that is used up, so that a subscriber with
 * plenty of demand costs one atomic operation per batch, not per envelope.
 *
 * <p><b>Waking.</b> The loop checks for demand and for the stop under {@link #lock} before it
 * awaits {@link #demandOrStop}; {@code request} and {@code cancel} change the state before they take
 * the lock to signal. Whichever order the two run in, the loop either sees the change on its check
 * or is signalled after it began to wait: no wake-up is lost.
 *
 * <p>Thread-safe: {@code request} and {@code cancel} from any thread (rules 2.7 and 3.3); the
 * accessors from any thread.
 *
 * @param <E> the event record type
 */
public final class FlowSubscription<E extends Event> implements Flow.Subscription {

    /** Polls with a spin-wait hint after the stream turns empty, before the loop yields. */
    private static final int SPIN_POLLS = 64;
    /** Polls with a yield after the spins, before the loop blocks in the stream's take. */
    private static final int YIELD_POLLS = 4;

    /** Signalling. */
    private static final int RUNNING = 0;
    /** The subscriber cancelled, or threw; nothing more is signalled. */
    private static final int CANCELLED = 1;
    /** The subscriber requested a non-positive amount; {@code onError} is owed (rule 3.9). */
    private static final int BAD_REQUEST = 2;

    private final EventFlow<E> flow;
    private final String name;
    private final EventStream<E> stream;
    private final FlowOverflow overflow;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition demandOrStop = lock.newCondition();
    /** The first non-positive amount requested; written before {@link #state} becomes BAD_REQUEST. */
    private volatile long badRequest;
    /**
     * Let go of once the loop ends (rule 3.13); read and written by the signalling thread only
     * after the loop started, which the thread's start (or the executor's hand-off) orders after
     * construction.
     */
    private Flow.Subscriber<? super Envelope<E>> subscriber;

    FlowSubscription(EventFlow<E> flow, String name, EventStream<E> stream,
                     Flow.Subscriber<? super Envelope<E>> subscriber, FlowOverflow overflow) {
        this.flow = flow;
        this.name = name;
        this.stream = stream;
        this.subscriber = subscriber;
        this.overflow = overflow;
    }

    /**
     * Adds {@code n} to the demand; {@code n <= 0} ends the subscription with {@code onError}
     * ({@link IllegalArgumentException}, rule 3.9). A no-op once the subscription has ended.
     * Never calls the subscriber.
     */
    @Override
    public void request(long n) {
        if (n <= 0) {
            badRequest = n;
            if (state.compareAndSet(RUNNING, BAD_REQUEST)) {
                stop();
            }
            return;
        }
        long current;
        long next;
        do {
            current = demand.get();
            if (current == Long.MAX_VALUE) {
                return;
            }
            next = current + n;
            if (next < 0) {
                next = Long.MAX_VALUE;
            }
        } while (!demand.compareAndSet(current, next));
        if (current == 0) {
            wake();
        }
    }

    /**
     * Unsubscribes the stream and ends the subscription: nothing more is signalled after the one
     * {@code onNext} that may be under way. Idempotent; never calls the subscriber.
     */
    @Override
    public void cancel() {
        if (state.compareAndSet(RUNNING, CANCELLED)) {
            stop();
        }
    }

    /** Unsubscribing ends the stream, which wakes a loop blocked in take; the signal wakes one awaiting demand. */
    private void stop() {
        stream.unsubscribe();
        wake();
    }

    private void wake() {
        lock.lock();
        try {
            demandOrStop.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The signalling loop: the whole life of the subscription, on its signalling thread. */
    void signal() {
        Flow.Subscriber<? super Envelope<E>> target = subscriber;
        try {
            if (subscribed(target)) {
                signalEnvelopes(target);
            }
        } catch (InterruptedException interrupted) {
            stream.unsubscribe();
            terminate(target, new IllegalStateException("flow subscription '" + name
                    + "': its signalling thread was interrupted; the subscription has ended", interrupted));
            Thread.currentThread().interrupt();
        } finally {
            subscriber = null;
            flow.ended(this);
        }
    }

    private void signalEnvelopes(Flow.Subscriber<? super Envelope<E>> target) throws InterruptedException {
        long granted = 0;   // the demand as last read
        long signalled = 0; // onNext calls since then
        while (true) {
            Envelope<E> envelope = next();
            if (state.get() != RUNNING) {
                break;
            }
            if (envelope == null) {
                // The stream ended: the bus closed and everything it accepted for us has been taken.
                LaggedException lagged = overflowSignal();
                if (lagged != null) {
                    terminate(target, lagged);
                } else if (state.compareAndSet(RUNNING, CANCELLED)) {
                    try {
                        target.onComplete();
                    } catch (Throwable failure) {
                        EventFlow.subscriberFailed(name, "onComplete", failure);
                    }
                }
                return;
            }
            if (signalled == granted) {
                granted = granted == Long.MAX_VALUE ? granted : demand.addAndGet(-signalled);
                signalled = 0;
                if (granted == 0) {
                    granted = awaitDemand();
                    if (granted == 0) {
                        break;
                    }
                }
            }
            LaggedException lagged = overflowSignal();
            if (lagged != null) {
                stream.unsubscribe();
                terminate(target, lagged);
                return;
            }
            signalled++;
            if (!delivered(target, envelope)) {
                return;
            }
        }
        // Stopped: by a cancel, which is owed nothing, or by a bad request, which terminate answers.
        terminate(target, null);
    }

    /** The next envelope, or null at the stream's end: a few polls before the stream's blocking take. */
    private Envelope<E> next() throws InterruptedException {
        Envelope<E> envelope = stream.poll();
        for (int i = 0; envelope == null && i < SPIN_POLLS; i++) {
            Thread.onSpinWait();
            envelope = stream.poll();
        }
        for (int i = 0; envelope == null && i < YIELD_POLLS; i++) {
            Thread.yield();
            envelope = stream.poll();
        }
        return envelope != null ? envelope : stream.take();
    }

    /** Waits until there is demand (returned) or the subscription stopped (0). */
    private long awaitDemand() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                if (state.get() != RUNNING) {
                    return 0;
                }
                long available = demand.get();
                if (available != 0) {
                    return available;
                }
                demandOrStop.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under {@link FlowOverflow#ERROR}, the signal for drops since the subscription began; else null. */
    private LaggedException overflowSignal() {
        if (overflow != FlowOverflow.ERROR) {
            return null;
        }
        long dropped = stream.lagged();
        return dropped == 0 ? null : new LaggedException(name, dropped, stream.capacity());
    }

    private boolean subscribed(Flow.Subscriber<? super Envelope<E>> target) {
        try {
            target.onSubscribe(this);
            return true;
        } catch (Throwable failure) {
            failed("onSubscribe", failure);
            return false;
        }
    }

    private boolean delivered(Flow.Subscriber<? super Envelope<E>> target, Envelope<E> envelope) {
        try {
            target.onNext(envelope);
            return true;
        } catch (Throwable failure) {
            failed("onNext", failure);
            return false;
        }
    }

    /** A subscriber that threw is cancelled, and its failure logged (rule 2.13); it is signalled nothing more. */
    private void failed(String signal, Throwable failure) {
        // Isolation, as for a handler: errors too, so that one broken subscriber cannot harm the rest.
        state.set(CANCELLED);
        stream.unsubscribe();
        EventFlow.subscriberFailed(name, signal, failure);
    }

    /**
     * Signals {@code onError} as the last signal, unless the subscription was cancelled; the stream
     * is already unsubscribed or ended. A pending bad request's error (rule 3.9) takes the place of
     * {@code error}, which may then be null.
     */
    private void terminate(Flow.Subscriber<? super Envelope<E>> target, Throwable error) {
        Throwable signalled = error;
        if (state.compareAndSet(BAD_REQUEST, CANCELLED)) {
            signalled = new IllegalArgumentException("flow subscription '" + name + "': request(" + badRequest
                    + ") is a non-positive subscription request; Reactive Streams rule 3.9 requires n > 0");
        } else if (error == null || !state.compareAndSet(RUNNING, CANCELLED)) {
            return;
        }
        try {
            target.onError(signalled);
        } catch (Throwable failure) {
            EventFlow.subscriberFailed(name, "onError", failure);
        }
    }

    /** The subscription's name, {@code <flow>#<n>}: also its stream's name on the bus, in observers and statistics. */
    public String name() {
        return name;
    }

    /** How many envelopes the bus dropped for this subscription because its buffer was full. */
    public long lagged() {
        return stream.lagged();
    }

    /** How many envelopes wait in the buffer now. */
    public int buffered() {
        return stream.size();
    }

    /** How many envelopes the buffer holds at most: the configured size rounded up to a power of two. */
    public int bufferCapacity() {
        return stream.capacity();
    }

    /** Whether the subscription still signals: false once it was cancelled, failed or terminated. */
    public boolean isActive() {
        return state.get() == RUNNING;
    }

    @Override
    public String toString() {
        return "FlowSubscription[" + name + (isActive() ? "" : ", ended") + ", buffered " + buffered() + "/"
                + bufferCapacity() + ", lagged " + lagged() + "]";
    }
}
