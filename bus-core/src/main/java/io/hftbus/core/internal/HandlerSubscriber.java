package io.hftbus.core.internal;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventHandler;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import java.util.Set;

/**
 * A push subscriber: calls its handler on the dispatch thread, isolating whatever it throws.
 *
 * <p><b>Interrupts.</b> Every handler call starts with a clear interrupt status: a handler that
 * returns with its thread's status set (it called {@code interrupt()}, or caught an
 * {@code InterruptedException} and restored it) has the status cleared and is charged with a
 * failure of its own, reported and logged like an exception, so that the next handler on the
 * thread is not interrupted for it. Reading the status is a field load on the dispatch path.
 */
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
        if (Thread.interrupted()) {
            failures.report(envelope, this, new IllegalStateException("handler '" + name + "' returned with its"
                    + " dispatch thread's interrupt status set; the status was cleared so that the next handler"
                    + " starts with a clear one"), observers);
        }
        observers.delivered(envelope, this, dispatchNanos);
    }

    @Override
    void ended() {
        // Nothing queued here; the handler simply is not called again.
    }
}
