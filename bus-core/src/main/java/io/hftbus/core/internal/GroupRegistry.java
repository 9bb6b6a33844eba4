package io.hftbus.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bus's worker groups and sharded subscriptions whose workers are alive, and their threads: for
 * the close, which waits for them ({@link #allQuiescent()}), lets their threads publish past the
 * seal while it drains ({@link #isWorkerThread}), and joins them.
 *
 * <p>A group enters before it enters the subscriber table, so that no dispatch thread can hand it an
 * envelope the close does not know of, and leaves when its last worker has ended, which may be well
 * after it left the table (an unsubscribed group finishes what it had queued). Only subscribing,
 * unsubscribing and closing touch it; the hot path never does.
 */
final class GroupRegistry {

    private final Set<ParallelSubscriber> live = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    void add(ParallelSubscriber group) {
        threads.addAll(group.threads());
        live.add(group);
    }

    void remove(ParallelSubscriber group) {
        live.remove(group);
        group.threads().forEach(threads::remove);
    }

    /** Whether {@code thread} is a worker of a live group: a rare-path question (a sealed lane, a close). */
    boolean isWorkerThread(Thread thread) {
        return threads.contains(thread);
    }

    /**
     * Whether no live group has an envelope queued or a handler call under way. Meaningful only
     * while no dispatch thread delivers (the close's termination check): then what the groups were
     * handed no longer changes, and a group is quiescent once its workers completed as many calls as
     * it was handed.
     */
    boolean allQuiescent() {
        for (ParallelSubscriber group : live) {
            if (!group.isQuiescent()) {
                return false;
            }
        }
        return true;
    }

    /** The live groups' worker threads now. */
    List<Thread> threads() {
        return new ArrayList<>(threads);
    }
}
