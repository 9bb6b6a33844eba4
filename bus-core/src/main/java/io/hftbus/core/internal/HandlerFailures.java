package io.hftbus.core.internal;

import io.hftbus.api.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a handler's failure goes: to the observers, and to the log, rate-limited per subscriber
 * with the type, the sequence and the subscriber's name. Called on dispatch threads and worker
 * threads, on the failure path only.
 */
final class HandlerFailures {

    private static final Logger LOG = LoggerFactory.getLogger(CoreEventBus.class);

    private final String busName;

    HandlerFailures(String busName) {
        this.busName = busName;
    }

    void report(Envelope<?> envelope, Subscriber subscriber, Throwable failure, ObserverChain observers) {
        observers.handlerFailed(envelope, subscriber, failure);
        long quiet = subscriber.failureLog.admit();
        if (quiet >= 0) {
            RateLimitedLog.warn(LOG, "bus '{}': handler '{}' threw on {} event sequence {} ({} more failures of it"
                    + " since the last report); the other subscribers got the event", new Object[] {busName,
                    subscriber.name, envelope.type(), envelope.sequence(), quiet}, failure);
        }
    }

    /** A sharded subscription's key function threw or returned null: reported like a handler failure. */
    void reportKeyFailure(Envelope<?> envelope, Subscriber subscriber, Throwable failure, ObserverChain observers) {
        observers.handlerFailed(envelope, subscriber, failure);
        long quiet = subscriber.failureLog.admit();
        if (quiet >= 0) {
            RateLimitedLog.warn(LOG, "bus '{}': the key function of sharded subscription '{}' failed on {} event"
                    + " sequence {} ({} more failures of it since the last report); the event went to no shard, the"
                    + " other subscribers got it", new Object[] {busName, subscriber.name, envelope.type(),
                    envelope.sequence(), quiet}, failure);
        }
    }
}
