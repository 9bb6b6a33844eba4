package io.hftbus.api.stats;

import io.hftbus.api.event.EventType;
import java.util.List;
import java.util.Set;

/**
 * The figures of one subscription at one moment: for monitoring which subscriber fails or falls
 * behind.
 *
 * @param name            the subscription's name
 * @param kind            what kind of subscriber it is
 * @param types           the event types it receives; copied, immutable
 * @param handlerFailures handler calls of this subscription that threw, {@code >= 0}, and for a
 *                        sharded subscription also the calls of its key function that threw or
 *                        returned null; always 0 for a stream
 * @param lagged          envelopes a stream or a {@link io.hftbus.api.GroupOverflow#DROP} group
 *                        dropped because its queue was full, {@code >= 0}; always 0 for a handler
 * @param backlog         envelopes waiting in a stream's or a group's queues now, {@code >= 0};
 *                        always 0 for a handler
 * @param workers         a group's or sharded subscription's workers, by index; empty for a
 *                        handler or a stream; copied, immutable
 */
public record SubscriberStats(String name, Kind kind, Set<EventType> types, long handlerFailures, long lagged,
                              int backlog, List<WorkerStats> workers) {

    /** The kinds of subscriber. */
    public enum Kind {
        /** A push handler, called on a dispatch thread. */
        HANDLER,
        /** A pull stream with its own bounded queue. */
        STREAM,
        /** A worker group: competing worker threads behind one bounded queue. */
        GROUP,
        /** A sharded subscription: one worker thread and one bounded queue per shard, by key. */
        SHARDED
    }

    /** The figures of a handler or a stream, which have no workers. */
    public SubscriberStats(String name, Kind kind, Set<EventType> types, long handlerFailures, long lagged,
                           int backlog) {
        this(name, kind, types, handlerFailures, lagged, backlog, List.of());
    }

    /** Validates the record and copies the types. */
    public SubscriberStats {
        if (name == null) {
            throw new NullPointerException("SubscriberStats.name must not be null");
        }
        if (kind == null) {
            throw new NullPointerException("SubscriberStats.kind must not be null for " + name);
        }
        if (types == null) {
            throw new NullPointerException("SubscriberStats.types must not be null for " + name);
        }
        types = Set.copyOf(types);
        if (handlerFailures < 0) {
            throw new IllegalArgumentException("SubscriberStats.handlerFailures must be >= 0 but was " + handlerFailures);
        }
        if (lagged < 0) {
            throw new IllegalArgumentException("SubscriberStats.lagged must be >= 0 but was " + lagged);
        }
        if (backlog < 0) {
            throw new IllegalArgumentException("SubscriberStats.backlog must be >= 0 but was " + backlog);
        }
        if (workers == null) {
            throw new NullPointerException("SubscriberStats.workers must not be null for " + name);
        }
        workers = List.copyOf(workers);
    }
}
