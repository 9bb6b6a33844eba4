package io.hftbus.api;

import io.hftbus.api.event.EventType;
import java.util.Set;

/**
 * A handler's or a stream's membership of a bus. Closing it unsubscribes.
 *
 * <p><b>What it sees.</b> A subscription receives every event of its types whose sequence was
 * claimed after {@code subscribe} returned, exactly once, until it is closed. After
 * {@link #unsubscribe()} returns, no new delivery to it begins; a handler call already running on a
 * dispatch thread may still be finishing.
 *
 * <p>Thread-safe: any thread may unsubscribe, at any time, also from inside its own handler.
 */
public interface Subscription extends AutoCloseable {

    /** The name given at subscription, or one the bus made up; used in logs and observer calls. */
    String name();

    /** The event types this subscription receives: one type, or all of them. */
    Set<EventType> types();

    /** Whether it still receives events: false after unsubscribe or once the bus has closed. */
    boolean isActive();

    /** Stops deliveries to this subscription. Idempotent. */
    void unsubscribe();

    /** Same as {@link #unsubscribe()}. */
    @Override
    default void close() {
        unsubscribe();
    }
}
