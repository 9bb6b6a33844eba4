package io.hftbus.core.internal;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventHandler;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import java.util.Set;

/** A push subscriber: calls its handler on the dispatch thread, isolating whatever it throws. */
final class HandlerSubscriber extends Subscriber {

    private final EventHandler<Event> handler;
    private final HandlerFailures failures;

    HandlerSubscriber(CoreEventBus bus, String name, Set<EventType> types, long[] fromPositions,
                      EventHandler<Event> handler, HandlerFailures failures) {
        super(bus, name, types, fromPositions);
        this.handler = handler;
        this.failures = failures;
    }

    @Override
    @SuppressWarnings("unchecked")
    void deliver(Envelope<?> envelope, int lane, long position, long dispatchNanos, ObserverChain observers) {
        if (!accepts(envelope, lane, position, observers)) {
            return;
        }
        try {
            // The table routes by type, so the envelope's event is of the handler's type.
            handler.onEvent((Envelope<Event>) envelope);
        } catch (Throwable failure) {
            // Isolation is the contract: errors too, so that one broken handler cannot stop the lane.
            failures.report(envelope, this, failure, observers);
        }
        observers.delivered(envelope, this, dispatchNanos);
    }

    @Override
    void ended() {
        // Nothing queued here; the handler simply is not called again.
    }
}
