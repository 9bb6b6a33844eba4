package io.hftbus.api;

import io.hftbus.api.event.EventType;
import java.util.Set;

/**
 * A handler's or a stream's membership of a bus. Closing it unsubscribes.
 *
 * <p><b>What it sees.</b> A subscription receives, exactly once, every event of its types that its
 * lane accepted after {@code subscribe} returned, and none that its lane had accepted before
 * {@code subscribe} was called; of those accepted while {@code subscribe} ran, some may arrive. (The
 * boundary is each lane's position, not the sequence: sequences are not one global order.)
 *
 * <p><b>When it stops.</b> Called on a dispatch thread (from a handler; in
 * {@link DispatchMode#SINGLE_THREAD} from any handler of the bus), {@link #unsubscribe()} takes
 * effect before the next delivery. Called from another thread, it takes effect for every delivery
 * that a dispatch thread begins afterwards, but a dispatch thread that was already handing the
 * current envelope to this subscription may still complete that one call after
 * {@code unsubscribe()} returned: at most one call per dispatch thread. Making it exact would cost
 * a full fence per delivery on the dispatch path.
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
