package io.hftbus.core.internal;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventHandler;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import java.util.Set;

/** A push subscriber: calls its handler on the dispatch thread, isolating whatever it throws. */
final class HandlerSubscriber extends Subscriber {

    private final EventHandler<Event> handler;

    HandlerSubscriber(CoreEventBus bus, String name, Set<EventType> types, long fromSequence,
                      EventHandler<Event> handler) {
        super(bus, name, types, fromSequence);
        this.handler = handler;
    }

    @Override
    @SuppressWarnings("unchecked")
    void deliver(Envelope<?> envelope, long dispatchNanos) {
        if (!accepts(envelope)) {
            return;
        }
        try {
            // The table routes by type, so the envelope's event is of the handler's type.
            handler.onEvent((Envelope<Event>) envelope);
        } catch (Throwable failure) {
            // Isolation is the contract: errors too, so that one broken handler cannot stop the lane.
            bus.handlerFailed(envelope, this, failure);
        }
        bus.observers.delivered(envelope, this, dispatchNanos);
    }

    @Override
    void ended() {
        // Nothing queued here; the handler simply is not called again.
    }
}
