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
 * The bus's observers, called in order. An observer that throws is logged (rate-limited) and
 * skipped for that call only: the bus and the other observers go on.
 *
 * <p>Every {@link Throwable} is caught, checked exceptions included: an observer written in another
 * JVM language (or with a "sneaky throw") can throw one that Java's signatures do not declare, and
 * one escaping {@code onPublished} would leave a claimed sequence unsettled (close would then wait
 * for it until its timeout), one escaping a dispatch-thread callback would end that thread.
 *
 * <p>Allocation-free: the observers live in a final array, and with none the loops do nothing.
 */
final class ObserverChain {

    private static final Logger LOG = LoggerFactory.getLogger(ObserverChain.class);

    private final BusObserver[] observers;
    private final RateLimitedLog[] failureLogs;
    private final String busName;

    ObserverChain(String busName, List<BusObserver> observers) {
        this.busName = busName;
        this.observers = observers.toArray(new BusObserver[0]);
        this.failureLogs = new RateLimitedLog[this.observers.length];
        for (int i = 0; i < failureLogs.length; i++) {
            failureLogs[i] = new RateLimitedLog();
        }
    }

    boolean isEmpty() {
        return observers.length == 0;
    }

    void attached(EventBus bus) {
        for (int i = 0; i < observers.length; i++) {
            try {
                observers[i].onAttached(bus);
            } catch (Throwable e) {
                failed(i, "onAttached", e);
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

    void delivered(Envelope<?> envelope, Subscription subscription, long deliveredNanos) {
        for (int i = 0; i < observers.length; i++) {
            try {
                observers[i].onDelivered(envelope, subscription, deliveredNanos);
            } catch (Throwable e) {
                failed(i, "onDelivered", e);
            }
        }
    }

    void dropped(Envelope<?> envelope, Subscription subscription, DropReason reason) {
        for (int i = 0; i < observers.length; i++) {
            try {
                observers[i].onDropped(envelope, subscription, reason);
            } catch (Throwable e) {
                failed(i, "onDropped", e);
            }
        }
    }

    void handlerFailed(Envelope<?> envelope, Subscription subscription, Throwable failure) {
        for (int i = 0; i < observers.length; i++) {
            try {
                observers[i].onHandlerFailed(envelope, subscription, failure);
            } catch (Throwable e) {
                failed(i, "onHandlerFailed", e);
            }
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

    private void failed(int index, String callback, Throwable failure) {
        long quiet = failureLogs[index].admit();
        if (quiet >= 0) {
            RateLimitedLog.warn(LOG, "bus '{}': observer {} threw from {} ({} more failures of it since the last"
                    + " report)", new Object[] {busName, observers[index].getClass().getName(), callback, quiet},
                    failure);
        }
    }
}
