package io.hftbus.core.internal;

import io.hftbus.api.BusObserver;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.Subscription;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus's observers, called in order. An observer that throws from an event callback is logged
 * (rate-limited) and skipped for that call only: the bus and the other observers go on.
 *
 * <p>Every {@link Throwable} is caught, checked exceptions included: an observer written in another
 * JVM language (or with a "sneaky throw") can throw one that Java's signatures do not declare, and
 * one escaping a publisher's callback would skip the lane offer, one escaping a dispatch thread's
 * callback would end that thread.
 *
 * <p><b>Per-thread chains.</b> {@link #forThread()} makes the chain of the observers'
 * {@linkplain BusObserver#forThread() per-thread views} for the calling thread; publishers and
 * dispatch threads each call one of their own, the bus's other threads the shared chain. The views
 * share their observer's failure log.
 *
 * <p>Allocation-free on the event path: the observers live in a final array, and with none the
 * loops do nothing.
 */
final class ObserverChain {

    private static final Logger LOG = LoggerFactory.getLogger(ObserverChain.class);

    private final BusObserver[] observers;
    /** The observers the views were made from, for names in logs. */
    private final BusObserver[] origins;
    private final RateLimitedLog[] failureLogs;
    private final String busName;
    /** Whether this chain runs on a dispatch thread, where every call must leave the interrupt status clear. */
    private final boolean onDispatchThread;

    ObserverChain(String busName, List<BusObserver> observers) {
        this.busName = busName;
        this.observers = observers.toArray(new BusObserver[0]);
        this.origins = this.observers;
        this.failureLogs = new RateLimitedLog[this.observers.length];
        for (int i = 0; i < failureLogs.length; i++) {
            failureLogs[i] = new RateLimitedLog();
        }
        this.onDispatchThread = false;
    }

    private ObserverChain(ObserverChain shared, BusObserver[] views, boolean onDispatchThread) {
        this.busName = shared.busName;
        this.observers = views;
        this.origins = shared.origins;
        this.failureLogs = shared.failureLogs;
        this.onDispatchThread = onDispatchThread;
    }

    boolean isEmpty() {
        return observers.length == 0;
    }

    /**
     * The chain of every observer's view for the calling thread, a publisher. An observer whose
     * {@code forThread()} throws or returns null is used itself, and the failure is logged.
     */
    ObserverChain forThread() {
        return forThread(false);
    }

    /**
     * As {@link #forThread()}, for a dispatch thread: after every call, an observer that left the
     * thread's interrupt status set has it cleared and the fault logged as its own, so that the next
     * handler or observer starts with a clear status.
     */
    ObserverChain forDispatchThread() {
        return forThread(true);
    }

    private ObserverChain forThread(boolean dispatchThread) {
        BusObserver[] views = new BusObserver[origins.length];
        for (int i = 0; i < origins.length; i++) {
            BusObserver view = null;
            try {
                view = origins[i].forThread();
            } catch (Throwable e) {
                failed(i, "forThread", e);
            }
            views[i] = view != null ? view : origins[i];
        }
        return new ObserverChain(this, views, dispatchThread);
    }

    /**
     * Tells every observer it is attached, in order. An observer that refuses (throws) makes the
     * bus refuse to start: the ones attached before it are told the bus closed, and the refusal is
     * rethrown naming the observer.
     *
     * @throws IllegalStateException naming the observer that refused, with its failure as the cause
     */
    void attached(EventBus bus) {
        for (int i = 0; i < observers.length; i++) {
            try {
                observers[i].onAttached(bus);
            } catch (Throwable refusal) {
                for (int j = 0; j < i; j++) {
                    try {
                        observers[j].onClosed(bus);
                    } catch (Throwable e) {
                        failed(j, "onClosed", e);
                    }
                }
                throw new IllegalStateException("bus '" + busName + "' not started: observer "
                        + observers[i].getClass().getName() + " refused to attach: " + refusal.getMessage(), refusal);
            }
        }
    }

    void published(Envelope<?> envelope) {
        for (int i = 0; i < observers.length; i++) {
            try {
                observers[i].onPublished(envelope);
            } catch (Throwable e) {
                failed(i, "onPublished", e);
            }
        }
    }

    void dispatched(Envelope<?> envelope, long dispatchNanos) {
        for (int i = 0; i < observers.length; i++) {
            try {
                observers[i].onDispatched(envelope, dispatchNanos);
            } catch (Throwable e) {
                failed(i, "onDispatched", e);
            }
            leftInterrupted(i, "onDispatched");
        }
    }

    void delivered(Envelope<?> envelope, Subscription subscription, long deliveredNanos) {
        for (int i = 0; i < observers.length; i++) {
            try {
                observers[i].onDelivered(envelope, subscription, deliveredNanos);
            } catch (Throwable e) {
                failed(i, "onDelivered", e);
            }
            leftInterrupted(i, "onDelivered");
        }
    }

    void dropped(Envelope<?> envelope, Subscription subscription, DropReason reason) {
        for (int i = 0; i < observers.length; i++) {
            try {
                observers[i].onDropped(envelope, subscription, reason);
            } catch (Throwable e) {
                failed(i, "onDropped", e);
            }
            leftInterrupted(i, "onDropped");
        }
    }

    void handlerFailed(Envelope<?> envelope, Subscription subscription, Throwable failure) {
        for (int i = 0; i < observers.length; i++) {
            try {
                observers[i].onHandlerFailed(envelope, subscription, failure);
            } catch (Throwable e) {
                failed(i, "onHandlerFailed", e);
            }
            leftInterrupted(i, "onHandlerFailed");
        }
    }

    void closed(EventBus bus) {
        for (int i = 0; i < observers.length; i++) {
            try {
                observers[i].onClosed(bus);
            } catch (Throwable e) {
                failed(i, "onClosed", e);
            }
        }
    }

    /** On a dispatch thread: clears an interrupt status the observer left set, and logs it as its fault. */
    private void leftInterrupted(int index, String callback) {
        if (onDispatchThread && Thread.interrupted()) {
            failed(index, callback, new IllegalStateException("observer returned with the dispatch thread's interrupt"
                    + " status set; the status was cleared"));
        }
    }

    private void failed(int index, String callback, Throwable failure) {
        long quiet = failureLogs[index].admit();
        if (quiet >= 0) {
            RateLimitedLog.warn(LOG, "bus '{}': observer {} threw from {} ({} more failures of it since the last"
                    + " report)", new Object[] {busName, origins[index].getClass().getName(), callback, quiet},
                    failure);
        }
    }
}
